// operations.start over HTTP reads session, tenant access and start context in one statement
// (ADR 023): an accepted start is two statements (that read and the admission), a deduped one is
// one. Every answer is what it was with separate reads: the session rules (expired → refused and
// removed, half-way → renewed, absolute lifetime), 404 for a tenant out of reach, 403 for a role
// without the capability, the gate's own judgement of the target, bad input as 400, batches and
// API tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, createSessions, hashSessionId } from "@tenantpilot/auth";
import { createPrismaClient } from "@tenantpilot/db";
import { notFoundMessages } from "@tenantpilot/api";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { read, sessionCookie, trpcMutation, type RawResponse } from "./support/raw-trpc";
import { seedBackupSet, seedTenant, seedWorld, type World } from "./support/world";

const prisma = testPrisma(4);
// The server's own client: every statement it sends is seen here.
const statements: string[] = [];
const serverPrisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 10, onStatement: (sql) => statements.push(sql) });
const sessions = createSessions(prisma);
let server: RunningServer;
let world: World;

beforeAll(async () => {
  server = await startAdminServer(serverPrisma, { rateLimits: { mutationsPerMinute: 10_000, tokenCallsPerMinute: 10_000 } });
  world = await seedWorld(prisma);
});
afterAll(async () => {
  await server.close();
  await serverPrisma.$disconnect();
  await prisma.$disconnect();
});

const HOUR = 3_600_000;

async function sessionOf(userId: string): Promise<{ cookie: string; id: string }> {
  const { setCookie } = await sessions.createSession(userId);
  const cookie = sessionCookie(new Headers([["set-cookie", setCookie]]))!;
  return { cookie: cookie.pair, id: cookie.value };
}

/** operations.start over HTTP with a session cookie from this app's origin; the statements the server sent for it. */
async function start(cookie: string, input: Record<string, unknown>): Promise<{ reply: RawResponse; sql: string[] }> {
  statements.length = 0;
  const reply = await trpcMutation(server.url, "operations.start", input, { cookie, origin: server.url });
  return { reply, sql: [...statements] };
}

const outcomeOf = (reply: RawResponse) => (reply.data as { outcome?: string } | undefined)?.outcome;

describe("the start path's round trips", () => {
  it("an accepted start is the read-ahead and the admission; a deduped one is the read-ahead alone", async () => {
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id);
    const { cookie } = await sessionOf(world.users.operator.id);

    const accepted = await start(cookie, { tenant: tenant.slug, operation: "inventory.sync" });
    expect(accepted.reply.status).toBe(200);
    expect(outcomeOf(accepted.reply)).toBe("accepted");
    expect(accepted.sql).toHaveLength(2);
    expect(accepted.sql[0]).toMatch(/FROM sessions s[\s\S]*operation_start_context/);
    expect(accepted.sql[1]).toContain("admit_operation_run");

    const deduped = await start(cookie, { tenant: tenant.slug, operation: "inventory.sync" });
    expect(outcomeOf(deduped.reply)).toBe("deduped");
    expect((deduped.reply.data as { run: { id: string } }).run.id).toBe((accepted.reply.data as { run: { id: string } }).run.id);
    expect(deduped.sql).toHaveLength(1);

    const busy = await start(cookie, { tenant: tenant.id, operation: "backup.capture" });
    expect(outcomeOf(busy.reply)).toBe("scope_busy");
    expect(busy.sql).toHaveLength(1);
  });

  it("a tenant named by id or by its slug in capitals is the same tenant", async () => {
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id);
    const { cookie } = await sessionOf(world.users.manager.id);
    const byId = await start(cookie, { tenant: tenant.id, operation: "directory.sync" });
    const bySlug = await start(cookie, { tenant: `  ${tenant.slug.toUpperCase()} `, operation: "directory.sync" });
    expect(outcomeOf(byId.reply)).toBe("accepted");
    expect(outcomeOf(bySlug.reply)).toBe("deduped");
    expect(bySlug.sql).toHaveLength(1);
  });
});

describe("what the read-ahead answers, it answers as before", () => {
  it("a tenant out of reach is NOT_FOUND, whoever asks; a role without the capability is FORBIDDEN", async () => {
    const outsider = await sessionOf(world.users.outsider.id);
    const restricted = await sessionOf(world.users.restricted.id);
    const readonly = await sessionOf(world.users.readonly.id);
    const operator = await sessionOf(world.users.operator.id);

    for (const [cookie, tenant] of [
      [outsider.cookie, world.tenants.ready.tenant.slug],
      [restricted.cookie, world.tenants.ready.tenant.id],
      [operator.cookie, world.tenants.foreign.tenant.slug],
      [operator.cookie, "no-such-tenant"],
    ] as const) {
      const { reply } = await start(cookie, { tenant, operation: "inventory.sync" });
      expect(reply.status).toBe(404);
      expect(reply.error?.data.code).toBe("NOT_FOUND");
      expect(reply.error?.message).toBe(notFoundMessages.tenant);
    }
    const refused = await start(readonly.cookie, { tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" });
    expect(refused.reply.status).toBe(403);
    expect(refused.reply.error?.data.code).toBe("FORBIDDEN");
    // An operator may sync but not restore: the capability follows the operation.
    const set = await seedBackupSet(prisma, world.tenants.ready.tenant.id);
    const restore = await start(operator.cookie, { tenant: world.tenants.ready.tenant.slug, operation: "restore.execute", target: set.id });
    expect(restore.reply.status).toBe(403);
    expect(await prisma.operationRun.count({ where: { tenantId: world.tenants.foreign.tenant.id, status: "queued" } })).toBe(0);
  });

  it("the gate judges the target it was read for: a connection, a missing one, a backup set and its confirmation", async () => {
    const { tenant, connection } = await seedTenant(prisma, world.workspaces.home.id);
    const set = await seedBackupSet(prisma, tenant.id);
    const { cookie } = await sessionOf(world.users.owner.id);

    const check = await start(cookie, { tenant: tenant.slug, operation: "connection.check", target: connection!.id });
    expect(outcomeOf(check.reply)).toBe("accepted");
    expect(check.sql).toHaveLength(2);
    const missing = await start(cookie, { tenant: tenant.slug, operation: "connection.check", target: "00000000-0000-4000-8000-000000000000" });
    expect(missing.reply.data).toMatchObject({ outcome: "blocked", reason: "target_not_found" });
    const unconfirmed = await start(cookie, { tenant: tenant.slug, operation: "restore.execute", target: set.id });
    expect(unconfirmed.reply.status).toBe(400);
    expect(unconfirmed.reply.error?.data.fieldErrors).toHaveProperty("confirmTenant");
    const restore = await start(cookie, { tenant: tenant.slug, operation: "restore.execute", target: set.id, confirmTenant: tenant.slug });
    expect(outcomeOf(restore.reply)).toBe("accepted");
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id, status: "queued" } })).toBe(2);
  });

  it("a restore's selection is checked against the set the context was read for, and kept by the run", async () => {
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id);
    const set = await seedBackupSet(prisma, tenant.id);
    const item = await prisma.backupItem.findFirstOrThrow({ where: { backupSetId: set.id } });
    const { cookie } = await sessionOf(world.users.owner.id);
    const restore = { tenant: tenant.slug, operation: "restore.execute", target: set.id, confirmTenant: tenant.slug };

    const foreign = await start(cookie, { ...restore, selection: { backupItemIds: ["00000000-0000-4000-8000-000000000000"] } });
    expect(foreign.reply.status).toBe(400);
    expect(foreign.reply.error?.data.fieldErrors).toHaveProperty(["selection.backupItemIds"]);
    const notSelectable = await start(cookie, { tenant: tenant.slug, operation: "inventory.sync", selection: { backupItemIds: [item.id] } });
    expect(notSelectable.reply.status).toBe(400);
    expect(notSelectable.reply.error?.data.fieldErrors).toHaveProperty(["selection"]);

    const selected = await start(cookie, { ...restore, selection: { backupItemIds: [item.id] } });
    expect(outcomeOf(selected.reply)).toBe("accepted");
    // The read-ahead, the selection's own check, the admission.
    expect(selected.sql).toHaveLength(3);
    expect(selected.sql[1]).toContain("FROM backup_items");
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: (selected.reply.data as { run: { id: string } }).run.id } });
    expect(run.selection).toEqual({ backupItemIds: [item.id] });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("bad input is a 400 naming the field, never a 500, and nothing is read ahead for it", async () => {
    const { cookie } = await sessionOf(world.users.operator.id);
    const nul = await start(cookie, { tenant: `${world.tenants.ready.tenant.slug}\u0000`, operation: "inventory.sync" });
    expect(nul.reply.status).toBe(400);
    expect(nul.reply.error?.data.fieldErrors).toHaveProperty("tenant");
    const unknown = await start(cookie, { tenant: world.tenants.ready.tenant.slug, operation: "inventory.nope" });
    expect(unknown.reply.status).toBe(400);
    expect(unknown.reply.error?.data.fieldErrors).toHaveProperty("operation");
    for (const { sql } of [nul, unknown]) expect(sql.some((text) => text.includes("operation_start_context"))).toBe(false);
  });
});

describe("the session, judged on the row read ahead", () => {
  it("an expired session is refused, removed and its cookie cleared; an unknown one is refused", async () => {
    const { cookie, id } = await sessionOf(world.users.operator.id);
    await prisma.session.update({ where: { id: hashSessionId(id) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { reply } = await start(cookie, { tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" });
    expect(reply.status).toBe(401);
    expect(reply.error?.message).toBe("Log in first.");
    expect(sessionCookie(reply.headers)?.value).toBe("");
    expect(await prisma.session.count({ where: { id: hashSessionId(id) } })).toBe(0);

    const unknown = await start("tp_session=abcdefghijklmnopqrstuvwxyz234567abcdefgh", { tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" });
    expect(unknown.reply.status).toBe(401);
  });

  it("a session past half its lifetime is renewed with a fresh cookie; one past the absolute lifetime is refused", async () => {
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id);
    const half = await sessionOf(world.users.operator.id);
    await prisma.session.update({ where: { id: hashSessionId(half.id) }, data: { expiresAt: new Date(Date.now() + HOUR) } });
    const renewed = await start(half.cookie, { tenant: tenant.slug, operation: "inventory.sync" });
    expect(outcomeOf(renewed.reply)).toBe("accepted");
    expect(sessionCookie(renewed.reply.headers)?.attributes.get("max-age")).toBe(String(12 * 3600));
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: hashSessionId(half.id) } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * HOUR);

    const old = await sessionOf(world.users.operator.id);
    await prisma.session.update({ where: { id: hashSessionId(old.id) }, data: { createdAt: new Date(Date.now() - 25 * HOUR) } });
    const refused = await start(old.cookie, { tenant: tenant.slug, operation: "inventory.sync" });
    expect(refused.reply.status).toBe(401);
  });
});

describe("requests the read-ahead leaves alone", () => {
  it("a batch of one start is read ahead; a batch of two is answered call by call", async () => {
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id);
    const { cookie } = await sessionOf(world.users.operator.id);
    const batch = async (calls: { path: string; input: unknown }[]) => {
      statements.length = 0;
      const body = Object.fromEntries(calls.map((call, i) => [i, { json: call.input }]));
      const response = await fetch(`${server.url}/api/trpc/${calls.map((call) => call.path).join(",")}?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: server.url },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { result?: { data: { json: { outcome?: string } } } }[], sql: [...statements] };
    };
    const one = await batch([{ path: "operations.start", input: { tenant: tenant.slug, operation: "inventory.sync" } }]);
    expect(one.status).toBe(200);
    expect(one.body[0]?.result?.data.json.outcome).toBe("accepted");
    expect(one.sql).toHaveLength(2);
    const two = await batch([
      { path: "operations.start", input: { tenant: tenant.slug, operation: "inventory.sync" } },
      { path: "operations.start", input: { tenant: tenant.slug, operation: "backup.capture" } },
    ]);
    expect(two.body.map((answer) => answer.result?.data.json.outcome)).toEqual(["deduped", "scope_busy"]);
    expect(two.sql.some((text) => text.includes("FROM sessions s") && text.includes("operation_start_context"))).toBe(false);
  });

  it("an API token starts as before (its own reads, no session)", async () => {
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id);
    const { token } = await createApiToken(prisma, { userId: world.users.operator.id, name: "read-ahead" });
    statements.length = 0;
    const reply = await read(
      await fetch(`${server.url}/api/trpc/operations.start`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ json: { tenant: tenant.slug, operation: "inventory.sync" } }),
      }),
    );
    expect(outcomeOf(reply)).toBe("accepted");
    expect(statements.some((text) => text.includes("FROM sessions s"))).toBe(false);
  });
});
