// Keyset paging everywhere (issue 13 item 6, ADR 032): every paged list, read through its procedure,
// neither repeats nor skips a row that existed when paging began while rows are inserted between
// pages — sorting before the cursor, after it, and with the very sort values already shown — and,
// for the synced lists, while a sync touches every row. And the statement shape at ~20,000 rows:
// the page query reads an index range from the cursor on, with no Seq Scan and no Sort.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@tenantpilot/db";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { callerAs, testEnvironment } from "./support/api-caller";
import { addMember, seedTenant, seedUser, seedWorkspace } from "./support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

/** A workspace of its own per list: one tenant, its owner, nothing else listed. */
interface Place {
  workspaceId: string;
  tenantId: string;
  tenantSlug: string;
  owner: { id: string; email: string; displayName: string };
  batchId: string;
}

interface ListPage {
  ids: string[];
  nextCursor: string | null;
}

/**
 * One list. `insert` writes one row per position, set-based; a position is the row's sort value
 * (seconds after a base time, or the number in a name), so equal positions are equal sort values.
 */
interface ListCase {
  name: string;
  /** The table the page query reads. */
  table: string;
  /** The table the page query names first (FROM …), when the page is read through a join or a view; default `table`. */
  from?: string;
  /** A second table whose index range the page merges with `table`'s (the page reads a view over both). */
  mergedWith?: string;
  /** The column the cursor bounds (the first of the key after the equality filters). */
  sortColumn: string;
  insert(db: PrismaClient, place: Place, positions: number[]): Promise<string[]>;
  page(api: ReturnType<typeof callerAs>, place: Place, limit: number, cursor: string | null): Promise<ListPage>;
  /** What a sync does to the rows between page loads (the synced lists). */
  touch?(db: PrismaClient, place: Place): Promise<void>;
}

const base = Date.UTC(2026, 10, 1, 8, 0, 0);
const at = (position: number) => new Date(base + position * 1000);
const times = (positions: number[]) => positions.map((position) => at(position).toISOString());
const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
const after = (cursor: string | null) => (cursor === null ? {} : { cursor });
const pageOf = (page: { items: { id: string }[]; nextCursor: string | null }): ListPage => ({ ids: ids(page.items), nextCursor: page.nextCursor });

const auditRows = (db: PrismaClient, place: Place, positions: number[]) =>
  db.$queryRaw<{ id: string }[]>`
    INSERT INTO audit_log (workspace_id, tenant_id, actor_kind, action, created_at)
    SELECT ${place.workspaceId}::uuid, ${place.tenantId}::uuid, 'system', 'tenant.archived', x
      FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`;

const runRows = (db: PrismaClient, place: Place, positions: number[]) =>
  db.$queryRaw<{ id: string }[]>`
    INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, status, initiator_kind,
                                created_at, started_at, finished_at)
    SELECT ${place.tenantId}::uuid, 'inventory.sync', 'tenant', ${place.tenantId}, 'policies', 'succeeded', 'system', x, x, x
      FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`;

const cases: ListCase[] = [
  {
    name: "inventory.list",
    table: "inventory_items",
    sortColumn: "created_at",
    insert: async (db, place, positions) =>
      ids(
        await db.$queryRaw<{ id: string }[]>`
          INSERT INTO inventory_items (tenant_id, policy_type, external_id, display_name, payload, created_at, last_seen_at)
          SELECT ${place.tenantId}::uuid, 'deviceConfiguration', gen_random_uuid()::text, 'Policy', '{}'::jsonb, x, x
            FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`,
      ),
    page: async (api, place, limit, cursor) => pageOf(await api.inventory.list({ tenant: place.tenantSlug, limit, ...after(cursor) })),
    // A sync sees every item again: the key it pages on must not move.
    touch: async (db, place) => void (await db.$executeRaw`UPDATE inventory_items SET last_seen_at = now() WHERE tenant_id = ${place.tenantId}::uuid`),
  },
  {
    name: "directory.list",
    table: "directory_objects",
    sortColumn: "created_at",
    insert: async (db, place, positions) =>
      ids(
        await db.$queryRaw<{ id: string }[]>`
          INSERT INTO directory_objects (tenant_id, kind, external_id, display_name, payload, created_at, last_seen_at)
          SELECT ${place.tenantId}::uuid, 'user', gen_random_uuid()::text, 'User', '{}'::jsonb, x, x
            FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`,
      ),
    page: async (api, place, limit, cursor) => pageOf(await api.directory.list({ tenant: place.tenantSlug, limit, ...after(cursor) })),
    touch: async (db, place) => void (await db.$executeRaw`UPDATE directory_objects SET last_seen_at = now() WHERE tenant_id = ${place.tenantId}::uuid`),
  },
  {
    name: "operations.list (one tenant)",
    table: "operation_runs",
    sortColumn: "created_at",
    insert: async (db, place, positions) => ids(await runRows(db, place, positions)),
    page: async (api, place, limit, cursor) => pageOf(await api.operations.list({ tenant: place.tenantSlug, limit, ...after(cursor) })),
  },
  {
    name: "operations.list (every tenant the caller sees)",
    table: "operation_runs",
    sortColumn: "created_at",
    insert: async (db, place, positions) => ids(await runRows(db, place, positions)),
    page: async (api, _place, limit, cursor) => pageOf(await api.operations.list({ limit, ...after(cursor) })),
  },
  {
    name: "audit.list",
    table: "audit_log",
    sortColumn: "created_at",
    insert: async (db, place, positions) => ids(await auditRows(db, place, positions)),
    page: async (api, place, limit, cursor) => pageOf(await api.audit.list({ tenant: place.tenantSlug, limit, ...after(cursor) })),
  },
  {
    name: "activity.list",
    table: "audit_log",
    sortColumn: "created_at",
    insert: async (db, place, positions) => ids(await auditRows(db, place, positions)),
    page: async (api, place, limit, cursor) => pageOf(await api.activity.list({ workspace: place.workspaceId, limit, ...after(cursor) })),
  },
  {
    name: "notifications.list",
    table: "notifications",
    sortColumn: "created_at",
    insert: async (db, place, positions) =>
      ids(
        await db.$queryRaw<{ id: string }[]>`
          INSERT INTO notifications (user_id, workspace_id, tenant_id, kind, title, body, created_at)
          SELECT ${place.owner.id}::uuid, ${place.workspaceId}::uuid, ${place.tenantId}::uuid, 'run.note', 'Note', 'Body', x
            FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`,
      ),
    page: async (api, _place, limit, cursor) => pageOf(await api.notifications.list({ unreadOnly: false, limit, ...after(cursor) })),
  },
  {
    name: "reports.list",
    table: "reports",
    sortColumn: "created_at",
    insert: async (db, place, positions) =>
      ids(
        await db.$queryRaw<{ id: string }[]>`
          INSERT INTO reports (tenant_id, kind, row_count, rows, created_at)
          SELECT ${place.tenantId}::uuid, 'policy-inventory', 0, '[]'::jsonb, x
            FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`,
      ),
    page: async (api, place, limit, cursor) => pageOf(await api.reports.list({ tenant: place.tenantSlug, limit, ...after(cursor) })),
  },
  {
    name: "backupSets.list",
    table: "backup_sets",
    sortColumn: "created_at",
    insert: async (db, place, positions) =>
      ids(
        await db.$queryRaw<{ id: string }[]>`
          INSERT INTO backup_sets (tenant_id, name, status, created_at, completed_at)
          SELECT ${place.tenantId}::uuid, 'Backup', 'complete', x, x
            FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`,
      ),
    page: async (api, place, limit, cursor) => pageOf(await api.backupSets.list({ tenant: place.tenantSlug, limit, ...after(cursor) })),
  },
  {
    name: "webhooks.detail (delivery log)",
    table: "webhook_deliveries",
    sortColumn: "created_at",
    insert: async (db, place, positions) =>
      ids(
        await db.$queryRaw<{ id: string }[]>`
          INSERT INTO webhook_deliveries (workspace_id, event_key, payload, created_at)
          SELECT ${place.workspaceId}::uuid, 'run.terminal:' || gen_random_uuid(), '{}'::jsonb, x
            FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`,
      ),
    page: async (api, place, limit, cursor) => {
      const detail = await api.webhooks.detail({ workspace: place.workspaceId, limit, ...after(cursor) });
      return pageOf(detail.deliveries);
    },
  },
  {
    name: "batches.list",
    table: "batches",
    sortColumn: "created_at",
    insert: async (db, place, positions) => {
      const rows = await db.$queryRaw<{ id: string }[]>`
        INSERT INTO batches (workspace_id, operation, target_kind, selection, initiator_kind, initiator_user_id, idempotency_key,
                             tenant_count, created_at)
        SELECT ${place.workspaceId}::uuid, 'inventory.sync', 'tenant', '{"kind":"filter","filter":{}}'::jsonb, 'user', ${place.owner.id}::uuid,
               gen_random_uuid()::text, 1, x
          FROM unnest(${times(positions)}::timestamptz[]) AS x RETURNING id`;
      await db.$executeRaw`
        INSERT INTO batch_items (batch_id, tenant_id, outcome, reason_code, result)
        SELECT b, ${place.tenantId}::uuid, 'blocked', 'provider_consent_missing', ${blockedResult}::jsonb
          FROM unnest(${ids(rows)}::uuid[]) AS b`;
      return ids(rows);
    },
    page: async (api, place, limit, cursor) => pageOf(await api.batches.list({ workspace: place.workspaceId, limit, ...after(cursor) })),
  },
  {
    // The rows of one batch, keyed on the tenant id: positions do not apply (a uuid sorts anywhere).
    // Half of them are stored (blocked), half are the batch's admitted runs (ADR 036): the page reads
    // batch_entries, a merge of both tables' (batch_id, tenant_id) indexes.
    name: "batches.detail (rows)",
    table: "batch_items",
    from: "batch_entries",
    mergedWith: "operation_runs",
    sortColumn: "tenant_id",
    insert: async (db, place, positions) => {
      const tenants = await db.$queryRaw<{ id: string }[]>`
        INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
        SELECT ${place.workspaceId}::uuid, 'r-' || replace(gen_random_uuid()::text, '-', ''), 'Tenant', gen_random_uuid(), 'active'
          FROM unnest(${positions}::int[]) RETURNING id`;
      const blocked = ids(tenants).filter((_, index) => index % 2 === 0);
      const admitted = ids(tenants).filter((_, index) => index % 2 === 1);
      await db.$executeRaw`
        INSERT INTO batch_items (batch_id, tenant_id, outcome, reason_code, result)
        SELECT ${place.batchId}::uuid, t, 'blocked', 'provider_consent_missing', ${blockedResult}::jsonb FROM unnest(${blocked}::uuid[]) AS t`;
      await db.$executeRaw`
        INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, status, initiator_kind,
                                    connection_snapshot, batch_id, started_at, finished_at)
        SELECT t, 'inventory.sync', 'tenant', t::text, 'policies', 'succeeded', 'system', ${admittedConnection}::jsonb,
               ${place.batchId}::uuid, now(), now()
          FROM unnest(${admitted}::uuid[]) AS t`;
      return ids(tenants);
    },
    page: async (api, place, limit, cursor) => {
      const detail = await api.batches.detail({ batchId: place.batchId, limit, ...(cursor === null ? {} : { cursor }) });
      return { ids: detail.items.map((item) => item.tenant.id), nextCursor: detail.nextCursor };
    },
  },
  {
    name: "tenants.list (by name)",
    table: "tenants",
    sortColumn: "display_name",
    insert: async (db, place, positions) => ids(await tenantRows(db, place, positions)),
    page: async (api, place, limit, cursor) =>
      pageOf(await api.tenants.list({ workspace: place.workspaceId, sort: "name", limit, readiness: [], ...after(cursor) })),
  },
  {
    name: "tenants.list (by last activity)",
    table: "tenant_activity",
    from: "tenants",
    sortColumn: "last_activity_at",
    insert: async (db, place, positions) => {
      const rows = await tenantRows(db, place, positions);
      // The activity a tenant's runs would have left, at the position's time.
      await db.$executeRaw`
        UPDATE tenant_activity a SET last_activity_at = x.at
          FROM unnest(${ids(rows)}::uuid[], ${times(positions)}::timestamptz[]) AS x(id, at) WHERE a.tenant_id = x.id`;
      return ids(rows);
    },
    page: async (api, place, limit, cursor) =>
      pageOf(await api.tenants.list({ workspace: place.workspaceId, sort: "activity", limit, readiness: [], ...after(cursor) })),
  },
  {
    name: "onboarding.list",
    table: "tenants",
    sortColumn: "display_name",
    insert: async (db, place, positions) => ids(await tenantRows(db, place, positions, "onboarding")),
    page: async (api, place, limit, cursor) => {
      const page = await api.onboarding.list({ workspace: place.workspaceId, limit, ...after(cursor) });
      return { ids: page.items.map((item) => item.tenant.id), nextCursor: page.nextCursor };
    },
  },
  {
    name: "connections.list (one workspace)",
    table: "tenants",
    sortColumn: "display_name",
    insert: (db, place, positions) => connectionRows(db, place, positions),
    page: async (api, place, limit, cursor) => pageOf(await api.connections.list({ workspace: place.workspaceId, limit, ...after(cursor) })),
  },
  {
    name: "connections.list (every tenant the caller sees)",
    table: "tenants",
    sortColumn: "display_name",
    insert: (db, place, positions) => connectionRows(db, place, positions),
    page: async (api, _place, limit, cursor) => pageOf(await api.connections.list({ limit, ...after(cursor) })),
  },
];

/** The connection snapshot an admitted run carries (its accepted row's ConnectionRef). */
const admittedConnection = JSON.stringify({ id: randomUUID(), displayName: "Graph app", clientId: randomUUID(), identityVersion: 1 });

const blockedResult = JSON.stringify({
  outcome: "blocked",
  reason: "provider_consent_missing",
  message: "The provider connection has no admin consent in Microsoft Entra.",
  nextStep: { label: "Grant admin consent", href: "/admin/provider-connections" },
});

/** Tenants named "Tenant 000042" by position (equal positions: equal names), in the place's workspace. */
function tenantRows(db: PrismaClient, place: Place, positions: number[], status: "active" | "onboarding" = "active") {
  return db.$queryRaw<{ id: string }[]>`
    INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
    SELECT ${place.workspaceId}::uuid, 't-' || replace(gen_random_uuid()::text, '-', ''), 'Tenant ' || lpad(p::text, 6, '0'),
           gen_random_uuid(), ${status}
      FROM unnest(${positions}::int[]) AS p RETURNING id`;
}

/** One tenant per position (named as tenantRows names them), each with one provider connection: the connections' ids. */
async function connectionRows(db: PrismaClient, place: Place, positions: number[]): Promise<string[]> {
  const tenants = await tenantRows(db, place, positions);
  return ids(
    await db.$queryRaw<{ id: string }[]>`
      INSERT INTO provider_connections (tenant_id, display_name, client_id, is_primary)
      SELECT id, 'Graph app', gen_random_uuid(), true FROM unnest(${ids(tenants)}::uuid[]) AS id
      RETURNING id`,
  );
}

async function placeFor(db: PrismaClient): Promise<Place> {
  const workspace = await seedWorkspace(db, "Paging MSP");
  // The tenant the tenant-scoped lists read; its name sorts before every positioned tenant.
  const { tenant } = await seedTenant(db, workspace.id, { name: "A listed tenant" });
  const owner = await seedUser(db, { name: "Owner" });
  await addMember(db, { workspaceId: workspace.id, userId: owner.id, role: "owner" });
  const [batch] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO batches (workspace_id, operation, target_kind, selection, initiator_kind, initiator_user_id, idempotency_key, tenant_count)
    VALUES (${workspace.id}::uuid, 'inventory.sync', 'tenant', '{"kind":"filter","filter":{}}'::jsonb, 'user', ${owner.id}::uuid, ${randomUUID()}, 1)
    RETURNING id`;
  if (!batch) throw new Error("no batch");
  await db.$executeRaw`
    INSERT INTO batch_items (batch_id, tenant_id, outcome, reason_code, result)
    VALUES (${batch.id}::uuid, ${tenant.id}::uuid, 'blocked', 'provider_consent_missing', ${blockedResult}::jsonb)`;
  return { workspaceId: workspace.id, tenantId: tenant.id, tenantSlug: tenant.slug, owner, batchId: batch.id };
}

/** Rows a list shows before any of the case's own (the place's tenant in the tenants list). */
async function firstPageAlone(testCase: ListCase, place: Place, api: ReturnType<typeof callerAs>): Promise<string[]> {
  return (await testCase.page(api, place, 100, null)).ids;
}

describe("keyset paging: no row repeated or skipped while rows are inserted between pages", () => {
  const env = testEnvironment(prisma);

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", async (_name, testCase) => {
    const place = await placeFor(prisma);
    const api = callerAs(env, place.owner);
    const already = await firstPageAlone(testCase, place, api);
    // 60 rows on 20 sort values: three rows share each value.
    const existing = [...already, ...(await testCase.insert(prisma, place, Array.from({ length: 60 }, (_, index) => 100 + Math.floor(index / 3))))];

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ListPage = await testCase.page(api, place, 7, cursor);
      seen.push(...page.ids);
      cursor = page.nextCursor;
      pages += 1;
      // Between pages: rows sorting before everything, after everything, and on every sort value
      // already present (so also on the one the cursor stands on); and what a sync does.
      await testCase.insert(prisma, place, [1, 1, 500, 500, 100 + (pages % 20), 100 + ((pages * 7) % 20), 100 + ((pages * 13) % 20)]);
      await testCase.touch?.(prisma, place);
    } while (cursor !== null && pages < 100);

    expect(pages).toBeLessThan(100);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    const missing = existing.filter((id) => !seen.includes(id));
    expect(missing).toEqual([]);
  });
});

/** A statement as the client sent it: its text and its parameters, to be explained as it ran. */
interface SentStatement {
  text: string;
  values: unknown[];
}

/** A Prisma client that remembers the statements it sends (the product's stack: adapter-pg over a pg pool). */
function recordingPrisma(sent: SentStatement[]): { db: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first, second] = args;
      if (typeof first === "string") sent.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (first !== null && typeof first === "object" && "text" in first) {
        const statement = first as { text: unknown; values?: unknown };
        sent.push({ text: String(statement.text), values: Array.isArray(statement.values) ? statement.values : [] });
      }
      return query(...args);
    };
  });
  return { db: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

/** Every scan of `table` in the plan, with the node types above it. */
function scansOf(node: PlanNode, table: string, above: string[] = []): { node: PlanNode; above: string[] }[] {
  const own = node["Relation Name"] === table ? [{ node, above }] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => scansOf(child, table, [...above, node["Node Type"]]))];
}

const pageStatementOf = (table: string) => new RegExp(`FROM\\s+("public"\\.)?"?${table}"?[\\s"]`, "i");

describe("keyset paging: the page query at ~20,000 rows is an index range, never a Seq Scan or a Sort", () => {
  const sent: SentStatement[] = [];
  const recording = recordingPrisma(sent);
  const env = testEnvironment(recording.db);
  afterAll(async () => {
    await recording.db.$disconnect();
    await recording.pool.end();
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", async (_name, testCase) => {
    const place = await placeFor(prisma);
    // 20,000 rows on 5,000 sort values (four rows share each), all in the listed tenant / workspace.
    await testCase.insert(prisma, place, Array.from({ length: 20_000 }, (_, index) => 100 + (index % 5000)));
    // Statistics as autovacuum would have them after such a load, for every table the page joins.
    await prisma.$executeRaw`ANALYZE`;
    const api = callerAs(env, place.owner);

    const planOf = async (cursor: string | null) => {
      sent.length = 0;
      const page = await testCase.page(api, place, 25, cursor);
      expect(page.ids).toHaveLength(25);
      const statements = sent.filter((statement) => pageStatementOf(testCase.from ?? testCase.table).test(statement.text) && /LIMIT \$\d+/.test(statement.text));
      expect(statements).toHaveLength(1);
      const [statement] = statements as [SentStatement];
      const [row] = (await recording.pool.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)).rows;
      const plan = row?.["QUERY PLAN"][0]?.Plan;
      if (!plan) throw new Error("EXPLAIN answered no plan");
      return { page, plan };
    };

    const first = await planOf(null);
    const second = await planOf(first.page.nextCursor);
    const tables = [testCase.table, ...(testCase.mergedWith ? [testCase.mergedWith] : [])];
    for (const table of tables) {
      for (const { plan } of [first, second]) {
        const context = JSON.stringify(plan);
        const scans = scansOf(plan, table);
        expect(scans.length, context).toBeGreaterThan(0);
        for (const scan of scans) {
          expect(["Index Scan", "Index Scan Backward", "Index Only Scan"], context).toContain(scan.node["Node Type"]);
          expect(scan.above.filter((type) => type === "Sort" || type === "Incremental Sort"), context).toEqual([]);
        }
      }
      // The next page starts at the cursor in the index: the sort column bounds the index range.
      expect(scansOf(second.plan, table).some((scan) => scan.node["Index Cond"]?.includes(testCase.sortColumn)), JSON.stringify(second.plan)).toBe(true);
    }
  });
});
