// The built pages at the edge, over plain HTTP against the seeded demo: every page response has
// the CSP whose nonce every inline script carries; a cross-site form post is a clear 403; bad
// input to every HTML form route (found from the route files, so a new action is covered) and to
// URLs is a 4xx naming the problem — never a 5xx — and nothing is written.
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoLogins } from "../../prisma/seed";
import { sessionCookie, trpcMutation } from "../api/support/raw-trpc";
import { repoRoot, type RunningAdmin, seededDatabaseForThisFile, startAdmin } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const owner = demoLogins.find((login) => login.role === "owner")!;
let admin: RunningAdmin;
let cookie = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  const login = await trpcMutation(admin.url, "auth.login", { email: owner.email, password: owner.password }, { origin: admin.url });
  cookie = sessionCookie(login.headers)!.pair;
  const tenant = await admin.prisma.tenant.findFirstOrThrow({ where: { slug: "contoso" } });
  ids.tenant = tenant.slug;
  ids.set = (await admin.prisma.backupSet.findFirst({ where: { tenantId: tenant.id } }))?.id ?? randomUUID();
  ids.run = (await admin.prisma.operationRun.findFirst({ where: { tenantId: tenant.id } }))?.id ?? randomUUID();
  ids.id = (await admin.prisma.providerConnection.findFirstOrThrow({ where: { tenantId: tenant.id } })).id;
  ids.draft = (await admin.prisma.onboardingDraft.findFirst())?.id ?? randomUUID();
  ids.report = randomUUID();
});
afterAll(async () => {
  await admin?.stop();
});

/** Every route file with an action, as a URL of the demo data. */
function actionRoutes(): string[] {
  const dir = path.join(repoRoot, "apps/admin/app/routes");
  return readdirSync(dir)
    .filter((file) => readFileSync(path.join(dir, file), "utf8").includes("export async function action"))
    .map((file) => {
      const name = file.replace(/\.tsx$/, "");
      const segments = name.split(".").filter((segment) => segment !== "_index");
      // An index route's action is addressed with ?index (a plain POST goes to its layout).
      const index = name.endsWith("._index") ? "?index" : "";
      return `/${segments.map((segment) => (segment.startsWith("$") ? ids[segment.slice(1)] ?? randomUUID() : segment)).join("/")}${index}`;
    });
}

async function fingerprint(): Promise<string> {
  const tables = await admin.prisma.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'graphile_worker') ORDER BY 1`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await admin.prisma.$queryRawUnsafe<{ digest: string | null }[]>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${name} t`);
    parts.push(`${name}:${row?.digest ?? "empty"}`);
  }
  return parts.join("\n");
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${admin.url}${url}`, {
    method: "POST",
    headers: { cookie, origin: admin.url, "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
    redirect: "manual",
  });
  return { status: response.status, text: await response.text() };
}

describe("pages at the edge", () => {
  it("carry a CSP whose nonce is on every inline script Remix renders", async () => {
    const response = await fetch(`${admin.url}/admin/t/contoso`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attributes] of inline) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it("a cross-site form post to a start action is a clear 403, and starts nothing", async () => {
    const before = await admin.prisma.operationRun.count();
    const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }];
    for (const headers of crossSite) {
      const response = await post("/admin/t/contoso", form({ operation: "inventory.sync" }), headers);
      expect(response.status).toBe(403);
      expect(response.text).toContain("Cross-site request refused");
    }
    expect(await admin.prisma.operationRun.count()).toBe(before);
  });

  it("a compressed form post to every HTML form route is 415 saying so, as the API answers it (ADR 037); nothing is written", async () => {
    const { gzipSync } = await import("node:zlib");
    const before = await fingerprint();
    const failures: string[] = [];
    for (const route of actionRoutes()) {
      for (const encoding of ["gzip", "br", "x-unknown"]) {
        const response = await fetch(`${admin.url}${route}`, {
          method: "POST",
          headers: { cookie, origin: admin.url, "content-type": "application/x-www-form-urlencoded", "content-encoding": encoding },
          body: gzipSync(form({ intent: "start", operation: "inventory.sync" })),
          redirect: "manual",
        });
        const text = await response.text();
        if (response.status !== 415 || !text.includes(`Content-Encoding &#34;${encoding}&#34; is not accepted`)) failures.push(`${route} ${encoding}: ${response.status} ${text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // "identity" is no compression: the form is read as usual (a bad field is still named, not refused for its encoding).
    const identity = await post("/admin/t/contoso?index", form({ operation: "value\u0000" }), { "content-encoding": "identity" });
    expect(identity.status).toBe(400);
    expect(await fingerprint()).toBe(before);
  });

  it("an address over node's 16 kB header limit is a 431 with a short body (the API's error shape under /api/), bytes that are not HTTP a 400; no bad client stops the server", async () => {
    const { port } = new URL(admin.url);
    /** One request over a raw socket, as written: the status, the content type and the body of the answer. */
    const raw = (request: string, options: { hangUp?: boolean } = {}) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () => {
          socket.write(request);
          if (options.hangUp) socket.destroy();
        });
        let received = "";
        socket.setEncoding("latin1");
        socket.on("data", (chunk: string) => (received += chunk));
        socket.on("error", (error) => (options.hangUp ? resolve({ status: 0, type: "", body: "" }) : reject(error)));
        socket.on("close", () => {
          const [head = "", body = ""] = received.split("\r\n\r\n");
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), type: /^content-type: (.*)$/im.exec(head)?.[1] ?? "", body });
        });
      });
    const long = "q".repeat(20 * 1024);

    const page = await raw(`GET /admin/operations?search=${long} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(page).toMatchObject({ status: 431, type: "text/plain; charset=utf-8" });
    expect(page.body).toContain("longer than the server reads (16 kB)");

    const api = await raw(`GET /api/trpc/tenants.list?input=${long} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(api).toMatchObject({ status: 431, type: "application/json" });
    const shape = (JSON.parse(api.body) as { error: { json: { message: string; data: { code: string; httpStatus: number } } } }).error.json;
    expect(shape).toMatchObject({ message: expect.stringContaining("longer than the server reads"), data: { code: "BAD_REQUEST", httpStatus: 431 } });

    const garbage = await raw("HELLO THERE\r\n\r\n");
    expect(garbage).toMatchObject({ status: 400, type: "text/plain; charset=utf-8" });
    expect(garbage.body).toContain("could not be read as HTTP");

    // Clients that hang up while the server answers, and many at once: the process keeps serving.
    await Promise.all(Array.from({ length: 40 }, (_, index) => raw(index % 2 ? `GET /?${long} HTTP/1.1\r\n\r\n` : "\u0000\u0001\r\n\r\n", { hangUp: true })));
    expect((await fetch(`${admin.url}/healthz`)).status).toBe(200);
  });

  it("bad input to every HTML form route and to URLs: 4xx naming the problem, never 5xx, nothing written", { timeout: 60_000 }, async () => {
    const routes = actionRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const before = await fingerprint();
    const failures: string[] = [];
    const expectStatus = (what: string, status: number, allowed: number[], text: string, mentions?: string) => {
      if (!allowed.includes(status) || (mentions !== undefined && !text.includes(mentions))) failures.push(`${what}: ${status} ${text.slice(0, 160)}`);
    };
    const fields = ["intent", "operation", "target", "email", "password", "displayName", "clientId", "clientSecret", "name", "redirectTo", "microsoftTenantId", "slug"];
    for (const route of routes) {
      for (const field of fields) {
        const nul = await post(route, form({ [field]: `value\u0000` }));
        expectStatus(`${route} ${field}=NUL`, nul.status, [400], nul.text, `The field &#34;${field}&#34; must not contain control characters`);
        const bell = await post(route, form({ intent: "x", [field]: `a\u0007b` }));
        expectStatus(`${route} ${field}=BEL`, bell.status, [400], bell.text, field);
      }
      const huge = await post(route, form({ operation: "inventory.sync", target: "t".repeat(10 * 1024 * 1024) }));
      expectStatus(`${route} 10 MB`, huge.status, [413], huge.text, "at most 64 kB");
      // A body without a declared length (chunked) is refused too.
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(form({ operation: "inventory.sync" })));
          controller.close();
        },
      });
      const chunked = await fetch(`${admin.url}${route}`, {
        method: "POST",
        headers: { cookie, origin: admin.url, "content-type": "application/x-www-form-urlencoded" },
        body: stream,
        duplex: "half",
        redirect: "manual",
      });
      expectStatus(`${route} chunked`, chunked.status, [411], await chunked.text());
      const json = await post(route, JSON.stringify({ operation: "inventory.sync" }), { "content-type": "application/json" });
      expectStatus(`${route} JSON`, json.status, [415], json.text);
      const multipart = new FormData();
      multipart.set("operation", "inventory.sync\u0000");
      const response = await fetch(`${admin.url}${route}`, { method: "POST", headers: { cookie, origin: admin.url }, body: multipart, redirect: "manual" });
      expectStatus(`${route} multipart NUL`, response.status, [400], await response.text(), "must not contain control characters");
    }
    // The issue's own cases on the start form: a 300-character target and a 10 MB one.
    const long = await post("/admin/t/contoso/reports?index", form({ operation: "report.generate", target: "r".repeat(300) }));
    expectStatus("300-character target", long.status, [400], long.text, "target");
    // URLs: NUL and control characters in a segment or a parameter, bad percent-encoding, an
    // over-long slug, a malformed cursor.
    for (const [url, allowed, mentions] of [
      ["/admin/t/contoso%00", [400], "control characters"],
      ["/admin/t/con%07toso/inventory", [400], "control characters"],
      ["/admin/operations?tenant=%00", [400], "tenant"],
      ["/admin/operations?cursor=bad", [400], "cursor"],
      ["/admin/t/%E0%A4%A", [400], "malformed"],
      [`/admin/t/${"s".repeat(101)}`, [400, 404], "tenant"],
      [`/admin/operations?search=${"q".repeat(10_001)}`, [400], "search"],
    ] as const) {
      const response = await fetch(`${admin.url}${url}`, { headers: { cookie }, redirect: "manual" });
      expectStatus(`GET ${url.slice(0, 60)}`, response.status, [...allowed], await response.text(), mentions);
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });
});
