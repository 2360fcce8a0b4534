// Bad input over HTTP for every procedure of the router (a new procedure without an entry fails
// the suite): each string of a valid input in turn gets a NUL, another control character, an
// absurd length; each field a wrong type; lists a malformed cursor; the input as a whole the wrong
// shape; one body is oversized. Every call is a 4xx — text problems a 400 naming the field — and
// the database is byte-for-byte what it was.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { appRouter } from "@tenantpilot/api";
import { createSessions } from "@tenantpilot/auth";
import { encodeTenantCursor } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { sessionCookie, trpcMutation, trpcQuery, trpcSubscriptionStart, type RawResponse } from "./support/raw-trpc";
import { seedWorld, type World } from "./support/world";

const prisma = testPrisma(10);
let server: RunningServer;
let world: World;
let headers: Record<string, string>;

type Input = Record<string, unknown>;
const paged = { cursor: "MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA", limit: 10 };

const reportReadiness = { operation: "report.generate", reportKind: "device-compliance" } as const;
const bulkInput = (w: World) => ({
  workspace: w.workspaces.home.slug,
  ...reportReadiness,
  selection: { kind: "filter", filter: { search: "con", status: "active", tagId: w.home.tag.id, readiness: { ...reportReadiness, outcome: "ready" } } },
});
const scheduleSpec = (w: World) => ({
  name: "Weekly report",
  ...reportReadiness,
  selection: { kind: "tenants", tenants: [w.tenants.ready.tenant.slug] },
  cadence: "weekly",
  weekday: 5,
  time: "22:30",
});

/** A valid input per procedure, with every optional field filled in so that each is exercised. */
const inputs: Record<string, (w: World) => Input | undefined> = {
  "auth.login": () => ({ email: "someone@example.test", password: "a password of some length" }),
  "auth.logout": () => undefined,
  "auth.logoutEverywhere": () => undefined,
  "auth.me": () => undefined,
  "apiTokens.create": () => ({ name: "bad input", expiresInDays: 30 }),
  "apiTokens.list": () => undefined,
  "apiTokens.revoke": (w) => ({ tokenId: w.home.apiToken.id }),
  "tenants.list": (w) => ({
    workspace: w.workspaces.home.slug,
    filter: { search: "con", status: "all", tagId: w.home.tag.id, readiness: { ...reportReadiness, outcome: "blocked", reason: "provider_permission_missing" } },
    sort: "activity",
    cursor: encodeTenantCursor({ order: "activity", at: new Date(), id: w.tenants.ready.tenant.id }),
    limit: 10,
    readiness: [reportReadiness],
  }),
  "tenants.summary": (w) => ({ workspace: w.workspaces.home.slug, readiness: reportReadiness }),
  "tenants.archive": (w) => ({ tenant: w.tenants.ready.tenant.slug }),
  "tenants.unarchive": (w) => ({ tenant: w.tenants.ready.tenant.slug }),
  "tags.list": (w) => ({ workspace: w.workspaces.home.slug }),
  "tags.create": (w) => ({ workspace: w.workspaces.home.slug, name: "EU" }),
  "tags.rename": (w) => ({ tagId: w.home.tag.id, name: "Gold support" }),
  "tags.delete": (w) => ({ tagId: w.home.tag.id }),
  "tags.addTenants": (w) => ({ tagId: w.home.tag.id, tenants: [w.tenants.ready.tenant.slug] }),
  "tags.removeTenants": (w) => ({ tagId: w.home.tag.id, tenants: [w.tenants.ready.tenant.slug] }),
  "operations.previewMany": (w) => bulkInput(w),
  "operations.startMany": (w) => ({ ...bulkInput(w), idempotencyKey: "bad-input-key" }),
  "batches.list": (w) => ({ workspace: w.workspaces.home.slug, ...paged }),
  "batches.detail": (w) => ({ batchId: w.home.batch.id, outcome: "blocked", reason: "provider_consent_missing", runStatus: "failed", cursor: randomUUID(), limit: 10 }),
  "batches.retry": (w) => ({ batchId: w.home.batch.id, idempotencyKey: "bad-input-key" }),
  "batches.watch": (w) => ({ batchId: w.home.batch.id, runIds: [] }),
  "schedules.list": (w) => ({ workspace: w.workspaces.home.slug }),
  "schedules.create": (w) => ({ workspace: w.workspaces.home.slug, ...scheduleSpec(w) }),
  "schedules.update": (w) => ({ scheduleId: w.home.schedule.id, ...scheduleSpec(w) }),
  "schedules.pause": (w) => ({ scheduleId: w.home.schedule.id }),
  "schedules.resume": (w) => ({ scheduleId: w.home.schedule.id }),
  "schedules.delete": (w) => ({ scheduleId: w.home.schedule.id }),
  "workspaces.settings": (w) => ({ workspace: w.workspaces.home.slug }),
  "workspaces.updateSettings": (w) => ({ workspace: w.workspaces.home.slug, timeZone: "Europe/Berlin", batchRunCap: 6 }),
  "workspaces.members": (w) => ({ workspace: w.workspaces.home.slug }),
  "webhooks.detail": (w) => ({ workspace: w.workspaces.home.slug, status: "failed", ...paged }),
  "webhooks.configure": (w) => ({ workspace: w.workspaces.home.slug, url: "https://hooks.example.com/tenantpilot", enabled: true }),
  "webhooks.rotateSecret": (w) => ({ workspace: w.workspaces.home.slug }),
  "webhooks.remove": (w) => ({ workspace: w.workspaces.home.slug }),
  "tenants.detail": (w) => ({ tenant: w.tenants.ready.tenant.slug }),
  "connections.list": (w) => ({
    tenant: w.tenants.ready.tenant.slug,
    workspace: w.workspaces.home.slug,
    search: "graph",
    cursor: encodeTenantCursor({ order: "name", name: "Contoso", id: w.tenants.ready.tenant.id }),
    limit: 10,
  }),
  "connections.detail": (w) => ({ connectionId: w.tenants.ready.connection!.id }),
  "connections.create": (w) => ({
    tenant: w.tenants.ready.tenant.slug,
    displayName: "Second app",
    clientId: randomUUID(),
    clientSecret: "s3cret-value",
    secretExpiresAt: new Date(Date.now() + 86_400_000),
  }),
  "connections.update": (w) => ({ connectionId: w.tenants.ready.connection!.id, displayName: "Renamed", clientId: randomUUID() }),
  "connections.rotateSecret": (w) => ({ connectionId: w.tenants.ready.connection!.id, clientSecret: "n3w-secret", secretExpiresAt: new Date(Date.now() + 86_400_000) }),
  "connections.setPrimary": (w) => ({ connectionId: w.tenants.ready.connection!.id }),
  "connections.disable": (w) => ({ connectionId: w.tenants.ready.connection!.id }),
  "connections.consentLink": (w) => ({ connectionId: w.tenants.ready.connection!.id }),
  "onboarding.begin": (w) => ({ workspace: w.workspaces.home.slug, tenant: { displayName: "New", slug: "new-tenant", microsoftTenantId: randomUUID() } }),
  "onboarding.resume": (w) => ({ tenant: w.tenants.ready.tenant.slug }),
  "onboarding.list": (w) => ({ workspace: w.workspaces.home.slug, ...paged }),
  "onboarding.get": (w) => ({ draftId: w.home.draft.id }),
  "onboarding.advance": (w) => ({
    draftId: w.home.draft.id,
    step: "connection",
    connection: { displayName: "New app", clientId: randomUUID(), clientSecret: "a-secret", secretExpiresAt: new Date(Date.now() + 86_400_000) },
  }),
  "onboarding.complete": (w) => ({ draftId: w.home.draft.id }),
  "onboarding.cancel": (w) => ({ draftId: w.home.draft.id }),
  "operations.preview": (w) => ({ tenant: w.tenants.ready.tenant.slug, operation: "report.generate", target: "device-compliance" }),
  "operations.start": (w) => ({
    tenant: w.tenants.ready.tenant.slug,
    operation: "restore.execute",
    target: w.home.backupSet.id,
    confirmTenant: w.tenants.ready.tenant.slug,
    selection: { backupItemIds: [randomUUID()] },
  }),
  "operations.list": (w) => ({
    tenant: w.tenants.ready.tenant.slug,
    status: ["failed"],
    operation: "inventory.sync",
    from: new Date("2026-11-01T00:00:00Z"),
    to: new Date("2026-12-01T00:00:00Z"),
    statusCounts: true,
    ...paged,
  }),
  "operations.detail": (w) => ({ runId: w.home.failedRun.id }),
  "operations.summary": (w) => ({ tenant: w.tenants.ready.tenant.slug, operation: "inventory.sync" }),
  "operations.retry": (w) => ({ runId: w.home.failedRun.id }),
  "operations.cancel": (w) => ({ runId: w.home.failedRun.id }),
  "operations.watch": (w) => ({ runIds: [w.home.failedRun.id] }),
  "backupSets.list": (w) => ({ tenant: w.tenants.ready.tenant.slug, ...paged }),
  "backupSets.detail": (w) => ({ backupSetId: w.home.backupSet.id }),
  "backupSets.restorePreview": (w) => ({ backupSetId: w.home.backupSet.id }),
  "notifications.list": () => ({ unreadOnly: true, ...paged }),
  "notifications.markRead": (w) => ({ ids: [w.home.notification.id] }),
  "notifications.markAllRead": () => undefined,
  "audit.list": (w) => ({ tenant: w.tenants.ready.tenant.slug, blockedOnly: true, action: "operation.blocked", ...paged }),
  "activity.list": (w) => ({
    workspace: w.workspaces.home.slug,
    tenant: w.tenants.ready.tenant.slug,
    actor: w.users.owner.id,
    action: "connection.disabled",
    from: new Date("2026-11-01T00:00:00Z"),
    to: new Date("2026-12-01T00:00:00Z"),
    ...paged,
  }),
  "inventory.list": (w) => ({ tenant: w.tenants.ready.tenant.slug, policyType: "deviceConfiguration", search: "baseline", ...paged }),
  "inventory.detail": (w) => ({ tenant: w.tenants.ready.tenant.slug, itemId: randomUUID() }),
  "directory.list": (w) => ({ tenant: w.tenants.ready.tenant.slug, kind: "user", search: "ada", ...paged }),
  "reports.list": (w) => ({ tenant: w.tenants.ready.tenant.slug, kind: "device-compliance", ...paged }),
  "reports.detail": (w) => ({ tenant: w.tenants.ready.tenant.slug, reportId: randomUUID() }),
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;

beforeAll(async () => {
  server = await startAdminServer(prisma, { rateLimits: { mutationsPerMinute: 100_000, tokenCallsPerMinute: 100_000 } });
  world = await seedWorld(prisma);
  const { setCookie } = await createSessions(prisma).createSession(world.users.owner.id);
  headers = { cookie: sessionCookie(new Headers([["set-cookie", setCookie]]))!.pair, origin: server.url };
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

/** Every row of every table, hashed per table: "nothing written" means this is unchanged. */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'graphile_worker') ORDER BY 1`;
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ digest: string | null }[]>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${name} t`);
    fingerprint[name] = row?.digest ?? "empty";
  }
  return fingerprint;
}

interface Variant {
  label: string;
  input: unknown;
  /** A text problem must be a 400 naming this field (dotted path). */
  field?: string;
}

/** Paths of the leaves (strings, numbers, booleans) of an input. */
function leaves(value: unknown, path: string[] = []): { path: string[]; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, String(index)]));
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [{ path, value }];
}

function replaced(input: unknown, path: string[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(input)) return input.map((item, index) => (String(index) === head ? replaced(item, rest, next) : item));
  const object = input as Record<string, unknown>;
  return { ...object, [head!]: replaced(object[head!], rest, next) };
}

function variants(input: Input | undefined): Variant[] {
  const out: Variant[] = [
    { label: "a string with a NUL instead of the input", input: "\u0000", field: "input" },
    { label: "a key with a NUL", input: { ...(input ?? {}), "bad\u0000key": "x" }, field: "bad?key" },
    { label: "a key with a lone surrogate", input: { ...(input ?? {}), "bad\udc00key": "x" }, field: "bad?key" },
  ];
  // A procedure without input ignores what it is sent (only the text rule above applies to it).
  if (input === undefined) return out;
  out.push({ label: "an array instead of the input", input: [1, 2] });
  for (const leaf of leaves(input)) {
    const field = leaf.path.join(".");
    if (leaf.value instanceof Date) {
      out.push({ label: `${field}: a string instead of a date`, input: replaced(input, leaf.path, "tomorrow") });
      // Valid JavaScript dates PostgreSQL cannot store or read back.
      for (const iso of ["-000001-01-01T00:00:00.000Z", "0000-06-01T00:00:00.000Z", "+100000-01-01T00:00:00.000Z"]) {
        out.push({ label: `${field}: ${iso}`, input: replaced(input, leaf.path, new Date(iso)), field });
      }
      continue;
    }
    if (typeof leaf.value === "string") {
      out.push({ label: `${field}: NUL`, input: replaced(input, leaf.path, `${leaf.value}\u0000`), field });
      out.push({ label: `${field}: a control character`, input: replaced(input, leaf.path, `a\u0007${leaf.value}`), field });
      // JSON may escape half of a surrogate pair ("\ud800"): not Unicode text, and PostgreSQL's json refuses it.
      out.push({ label: `${field}: a lone surrogate`, input: replaced(input, leaf.path, `${leaf.value}\ud800`), field });
      // Just over the API-wide ceiling, so that even a query's URL stays within Node's header limit.
      out.push({ label: `${field}: 10,001 characters`, input: replaced(input, leaf.path, "x".repeat(10_001)), field });
      out.push({ label: `${field}: a number`, input: replaced(input, leaf.path, 42) });
      out.push({ label: `${field}: an object`, input: replaced(input, leaf.path, { nested: true }) });
    } else if (typeof leaf.value === "number") {
      out.push({ label: `${field}: a string`, input: replaced(input, leaf.path, "ten") });
      out.push({ label: `${field}: out of range`, input: replaced(input, leaf.path, 1e12) });
    } else if (typeof leaf.value === "boolean") {
      out.push({ label: `${field}: a string`, input: replaced(input, leaf.path, "yes") });
    }
  }
  if (input && "cursor" in input) {
    for (const cursor of ["bad", "%%%", "////", Buffer.from("2026-01-01|not-a-uuid").toString("base64url")]) {
      out.push({ label: `cursor ${JSON.stringify(cursor)}`, input: { ...input, cursor } });
    }
  }
  return out;
}

async function call(path: string, input: unknown): Promise<Pick<RawResponse, "status" | "error">> {
  const type = procedures[path]!._def.type;
  const request =
    type === "query"
      ? trpcQuery(server.url, path, input, headers)
      : type === "subscription"
        ? trpcSubscriptionStart(server.url, path, input, headers)
        : trpcMutation(server.url, path, input, headers);
  // Node answers a query whose URL is too long for its header limit (431) without a JSON body.
  return request.catch(async () => {
    const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
    const response = await fetch(`${server.url}/api/trpc/${path}?input=${encoded}`, { headers });
    return { status: response.status };
  });
}

describe("bad input to every procedure", () => {
  it("covers the router exactly", () => {
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(procedures).sort());
  });

  it("answers 4xx to every variant (400 naming the field for text), and writes nothing", { timeout: 120_000 }, async () => {
    const before = await databaseFingerprint();
    const failures: string[] = [];
    let calls = 0;
    for (const path of Object.keys(inputs)) {
      const cases = variants(inputs[path]!(world));
      const responses = await Promise.all(cases.map((variant) => call(path, variant.input)));
      responses.forEach((response, index) => {
        calls += 1;
        const variant = cases[index]!;
        const where = `${path} — ${variant.label}: ${response.status} ${response.error?.message ?? ""}`;
        if (response.status < 400 || response.status >= 500) failures.push(where);
        else if (variant.field !== undefined) {
          const named = Object.keys(response.error?.data.fieldErrors ?? {});
          if (response.status !== 400 || !named.includes(variant.field)) failures.push(`${where} (expected 400 naming ${variant.field}, got ${named.join(",")})`);
        }
      });
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(450);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("an oversized body is 413 before any procedure runs", async () => {
    const before = await databaseFingerprint();
    const response = await trpcMutation(server.url, "auth.login", { email: "x".repeat(200_000), password: "p" }, headers);
    expect(response.status).toBe(413);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("the cases the issue names: a 300-character target, a 101-character slug, NUL in a login email, ?cursor=bad", async () => {
    const start = await trpcMutation(server.url, "operations.start", { tenant: world.tenants.ready.tenant.slug, operation: "report.generate", target: "r".repeat(300) }, headers);
    expect(start.status).toBe(400);
    expect(Object.keys(start.error?.data.fieldErrors ?? {})).toEqual(["target"]);
    const slug = await trpcQuery(server.url, "tenants.detail", { tenant: "s".repeat(101) }, headers);
    expect(slug.status).toBe(400);
    expect(Object.keys(slug.error?.data.fieldErrors ?? {})).toEqual(["tenant"]);
    const login = await trpcMutation(server.url, "auth.login", { email: "owner\u0000@example.test", password: "whatever it is" }, { origin: server.url });
    expect(login.status).toBe(400);
    expect(login.error?.message).toBe("Invalid input — email: must not contain control characters (such as NUL)");
    const cursor = await trpcQuery(server.url, "operations.list", { cursor: "bad" }, headers);
    expect(cursor.status).toBe(400);
    expect(Object.keys(cursor.error?.data.fieldErrors ?? {})).toEqual(["cursor"]);
  });
});
