// The built pages at the edge, over plain HTTP against the seeded demo: every page response has
// the CSP whose nonce every inline script carries; a cross-site form post is a clear 403; bad
// input to every HTML form route (found from the route files, so a new action is covered) and to
// URLs is a 4xx naming the problem — never a 5xx — and nothing is written.
import { randomUUID } from "node:crypto";
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
