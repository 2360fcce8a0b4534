// The lost race, made deterministic with locks held by sessions of our own:
//  - a direct admission against a held scope reports { admitted: false } with the holder, read in
//    the same statement (never an error);
//  - a start whose insert waited on an uncommitted holder answers with that holder once it commits,
//    without another read of the scope;
//  - a holder that rolls back lets the waiting start in.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { admitRun, operationCatalog, startOperation } from "../src";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { jobs, orphans, seedTenant } from "./fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

async function session() {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  return client;
}

/** Waits until `count` backends of this database are waiting on a lock. */
async function waitForLockWaiters(observer: pg.Client, count: number) {
  for (let i = 0; i < 500; i++) {
    const { rows } = await observer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no session waited on a lock`);
}

describe("lost admission race", () => {
  it("admitRun on a held scope answers admitted: false and writes nothing", async () => {
    const { tenant, connection } = await seedTenant(prisma);
    const first = await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    expect(first.outcome).toBe("accepted");
    const admission = await admitRun(prisma, {
      tenantId: tenant.id,
      operation: operationCatalog["backup.capture"],
      target: { kind: "tenant", id: tenant.id },
      scopeKey: "policies",
      initiator: { kind: "system" },
      connection: { id: connection!.id, displayName: connection!.displayName, clientId: connection!.clientId, identityVersion: 1 },
    });
    if (first.outcome !== "accepted") return;
    expect(admission).toEqual({
      admitted: false,
      holder: { id: first.run.id, operation: "inventory.sync", status: "queued", targetKind: "tenant", targetId: tenant.id },
    });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });

  it("a start that waited on an uncommitted holder answers with it once it commits", async () => {
    const { tenant } = await seedTenant(prisma);
    const holder = await session();
    const observer = await session();
    try {
      // An uncommitted holder on the scope: invisible to the start's first read (no fast path).
      await holder.query("BEGIN");
      const { rows } = await holder.query<{ id: string }>(
        `INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, initiator_kind)
         VALUES ($1::uuid, 'inventory.sync', 'tenant', $1::text, 'policies', 'system') RETURNING id`,
        [tenant.id],
      );
      const holderId = rows[0]!.id;
      const started = startOperation(prisma, { tenantId: tenant.id, operation: "backup.capture", initiator: { kind: "system" } });
      await waitForLockWaiters(observer, 1);
      await holder.query("COMMIT");

      const result = await started;
      expect(result).toMatchObject({ outcome: "scope_busy", blockingRun: { id: holderId, operation: "inventory.sync", status: "queued" } });
      expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    } finally {
      await Promise.all([holder.end(), observer.end()]);
    }
  });

  it("a holder that rolls back lets the waiting start in", async () => {
    const { tenant } = await seedTenant(prisma);
    const holder = await session();
    const observer = await session();
    try {
      await holder.query("BEGIN");
      await holder.query(
        `INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, initiator_kind)
         VALUES ($1::uuid, 'inventory.sync', 'tenant', $1::text, 'policies', 'system')`,
        [tenant.id],
      );
      const started = startOperation(prisma, { tenantId: tenant.id, operation: "backup.capture", initiator: { kind: "system" } });
      await waitForLockWaiters(observer, 1);
      await holder.query("ROLLBACK");

      const result = await started;
      expect(result.outcome).toBe("accepted");
      if (result.outcome !== "accepted") return;
      expect((await jobs(prisma)).filter((j) => j.run_id === result.run.id)).toHaveLength(1);
      expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    } finally {
      await Promise.all([holder.end(), observer.end()]);
    }
  });
});
