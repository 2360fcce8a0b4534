// Start read-aheads that arrive together are read in one statement (ADR 043), and each request gets
// exactly what it would have read alone: its session (or none), its access to the tenant it named —
// by id or by slug — (or none), and the start context for its operation and target.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessions, hashSessionId } from "@tenantpilot/auth";
import { createPrismaClient, Prisma } from "@tenantpilot/db";
import { contextArgumentsOf, contextQueryOf } from "@tenantpilot/dispatch-gate";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { readAheadGroupQuery, readSessionAndStart, type PlannedStart } from "../src/start-read-ahead";
import { testEnvironment } from "../../../tests/api/support/api-caller";
import { seedBackupSet, seedWorld, type World } from "../../../tests/api/support/world";

const prisma = testPrisma(4);
// The API's own client: every statement it sends is seen here.
const statements: string[] = [];
const apiDb = createPrismaClient(testDatabaseUrl(), { maxConnections: 4, onStatement: (sql) => statements.push(sql) });
const env = testEnvironment(apiDb);
const sessions = createSessions(prisma);
let world: World;

beforeAll(async () => {
  world = await seedWorld(prisma);
});
afterAll(async () => {
  await apiDb.$disconnect();
  await prisma.$disconnect();
});

const readAheads = () => statements.filter((sql) => sql.includes("jsonb_to_recordset") && sql.includes("operation_start_context"));

async function sessionOf(userId: string): Promise<string> {
  return (await sessions.createSession(userId)).session.id;
}

/** What a read-ahead answered, without the database's clock. */
async function readAhead(sessionId: string, planned: PlannedStart) {
  const read = await readSessionAndStart(env, sessionId, planned);
  if (!read) return null;
  const { validation, readAhead } = read;
  const context = readAhead?.context ? { query: readAhead.context.query, row: { ...readAhead.context.row, db_now: undefined } } : readAhead?.context;
  return { valid: validation.valid, user: validation.valid ? validation.user : null, ref: readAhead?.ref, access: readAhead?.access, context };
}

describe("start read-aheads that arrive together", () => {
  it("are one statement, and each request gets the row it reads alone", async () => {
    const { ready, consentMissing, foreign } = world.tenants;
    const set = await seedBackupSet(prisma, ready.tenant.id);
    const operator = await sessionOf(world.users.operator.id);
    const owner = await sessionOf(world.users.owner.id);
    const outsider = await sessionOf(world.users.outsider.id);
    const readonly = await sessionOf(world.users.readonly.id);
    const restricted = await sessionOf(world.users.restricted.id);
    const unknown = randomBytes(20).toString("hex");
    const requests: [string, PlannedStart][] = [
      [operator, { tenant: ready.tenant.slug, operation: "inventory.sync" }],
      [operator, { tenant: ready.tenant.id, operation: "connection.check", target: ready.connection!.id }],
      [owner, { tenant: ready.tenant.slug.toUpperCase(), operation: "restore.execute", target: set.id }],
      [owner, { tenant: consentMissing.tenant.id, operation: "report.generate", target: "device-compliance" }],
      [outsider, { tenant: ready.tenant.slug, operation: "inventory.sync" }],
      [operator, { tenant: foreign.tenant.id, operation: "directory.sync" }],
      [operator, { tenant: "no-such-tenant", operation: "inventory.sync" }],
      [readonly, { tenant: ready.tenant.slug, operation: "backup.capture" }],
      [restricted, { tenant: ready.tenant.id, operation: "inventory.sync" }],
      [restricted, { tenant: consentMissing.tenant.slug, operation: "inventory.sync" }],
      [unknown, { tenant: ready.tenant.slug, operation: "inventory.sync" }],
    ];

    statements.length = 0;
    const together = await Promise.all(requests.map(([session, planned]) => readAhead(session, planned)));
    // The first finds the client idle and goes at once; the rest arrive while it is out and go as one.
    expect(readAheads()).toHaveLength(2);

    statements.length = 0;
    const alone = [];
    for (const [session, planned] of requests) alone.push(await readAhead(session, planned));
    expect(readAheads()).toHaveLength(requests.length);
    expect(together).toEqual(alone);

    // What they read, spot-checked: access follows membership and entitlement, the context the operation and target.
    const [sync, check, restore, report, outsiderRead, foreignRead, missing, readonlyRead, notEntitled, entitled, unknownRead] = together;
    expect(sync).toMatchObject({ valid: true, access: { tenant: { id: ready.tenant.id } }, context: { row: { tenant_id: ready.tenant.id, r_id: null } } });
    expect(check?.context?.row).toMatchObject({ c_id: ready.connection!.id });
    expect(restore?.context?.row).toMatchObject({ tenant_id: ready.tenant.id, b_status: "complete" });
    expect(report).toMatchObject({ access: { tenant: { id: consentMissing.tenant.id } }, context: { row: { tenant_id: consentMissing.tenant.id } } });
    for (const none of [outsiderRead, foreignRead, missing, notEntitled]) expect(none).toMatchObject({ valid: true, access: null, context: null });
    expect(readonlyRead?.access).toMatchObject({ membership: { role: "readonly" } });
    expect(entitled?.access).toMatchObject({ tenant: { id: consentMissing.tenant.id } });
    expect(unknownRead).toMatchObject({ valid: false, user: null });
  });

  it("an expired session in a group is refused and removed, and its neighbours are read as usual", async () => {
    const expired = await sessionOf(world.users.operator.id);
    await prisma.session.update({ where: { id: hashSessionId(expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const live = await sessionOf(world.users.operator.id);
    const planned: PlannedStart = { tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" };
    const [first, refused, second] = await Promise.all([readAhead(live, planned), readAhead(expired, planned), readAhead(live, planned)]);
    expect(refused).toMatchObject({ valid: false });
    expect(await prisma.session.count({ where: { id: hashSessionId(expired) } })).toBe(0);
    for (const read of [first, second]) expect(read).toMatchObject({ valid: true, access: { tenant: { id: world.tenants.ready.tenant.id } } });
  });
});

describe("the group's statement", () => {
  it("reads each request through the indexes, at the size of a workspace in service", async () => {
    // 2,000 more tenants and sessions, with their statistics: a flattened join would hash them all.
    await prisma.$executeRaw`
      INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
      SELECT ${world.workspaces.home.id}::uuid, 'plan-' || i, 'Plan tenant ' || i, gen_random_uuid(), 'active'
        FROM generate_series(1, 2000) AS i`;
    await prisma.$executeRaw`
      INSERT INTO sessions (id, user_id, expires_at)
      SELECT encode(sha256(('plan-' || i)::bytea), 'hex'), ${world.users.operator.id}::uuid, now() + interval '1 hour'
        FROM generate_series(1, 2000) AS i`;
    await prisma.$executeRawUnsafe("ANALYZE tenants, sessions, memberships, users, tenant_entitlements");
    const session = env.sessions.sessionReadKey(await sessionOf(world.users.operator.id))!;
    const context = contextArgumentsOf(contextQueryOf({ tenantId: world.tenants.ready.tenant.id, operation: "inventory.sync", initiator: { kind: "system" } }));
    const plans = [
      { session, tenant: { tenantId: world.tenants.ready.tenant.id }, context },
      { session, tenant: { tenantSlug: "plan-17" }, context },
      { session, tenant: { tenantSlug: world.tenants.consentMissing.tenant.slug }, context },
    ];
    const rows = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${readAheadGroupQuery(plans)}`);
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/Index Scan using sessions_pkey/);
    expect(plan).toMatch(/Index Scan using tenants_slug_key/);
    expect(plan).toMatch(/Index Scan using (tenants_pkey|tenants_id_workspace_id_key)/);
    expect(plan).not.toMatch(/Seq Scan on (tenants|sessions)/);
    expect(plan).not.toMatch(/Hash Join/);
  });
});
