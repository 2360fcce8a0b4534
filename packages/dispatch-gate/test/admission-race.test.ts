// The lost race, made deterministic with locks held by sessions of our own:
//  - a direct admission against a held scope reports { admitted: false } (never an error);
//  - a start whose insert waited on an uncommitted holder, which then finished before the start
//    re-read the scope, retries admission and is accepted.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { admitRun, operationCatalog, startOperation } from "../src";
import { testDatabaseUrl, testPrisma } from "../../../tests/support/databases";
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
    expect(admission).toEqual({ admitted: false });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });

  it("retries when the holder finished between the violation and the re-read", async () => {
    const { tenant } = await seedTenant(prisma);
    const holder = await session();
    const gatekeeper = await session();
    const observer = await session();
    try {
      // 1. An uncommitted holder on the scope: invisible to the start's first read.
      await holder.query("BEGIN");
      const { rows } = await holder.query<{ id: string }>(
        `INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, initiator_kind)
         VALUES ($1::uuid, 'inventory.sync', 'tenant', $1::text, 'policies', 'system') RETURNING id`,
        [tenant.id],
      );
      const holderId = rows[0]!.id;

      // 2. The start reads (no holder), passes preflight, and its insert waits on the holder.
      const started = startOperation(prisma, { tenantId: tenant.id, operation: "backup.capture", initiator: { kind: "system" } });
      await waitForLockWaiters(observer, 1);

      // 3. Hold back the start's re-read (it joins backup_sets), then commit the holder: the start's
      //    insert now fails on the unique index and its re-read waits for the gatekeeper.
      await gatekeeper.query("BEGIN");
      await gatekeeper.query("LOCK TABLE backup_sets IN ACCESS EXCLUSIVE MODE");
      await holder.query("COMMIT");
      await waitForLockWaiters(observer, 1);

      // 4. The holder finishes before the start can look at it; then let the re-read through.
      await holder.query(`UPDATE operation_runs SET status = 'succeeded', finished_at = now() WHERE id = $1`, [holderId]);
      await gatekeeper.query("COMMIT");

      const result = await started;
      expect(result.outcome).toBe("accepted");
      if (result.outcome !== "accepted") return;
      expect(result.run.id).not.toBe(holderId);
      expect((await jobs(prisma)).filter((j) => j.run_id === result.run.id)).toHaveLength(1);
      expect(await prisma.operationRun.count({ where: { tenantId: tenant.id, status: { in: ["queued", "running"] } } })).toBe(1);
    } finally {
      await Promise.all([holder.end(), gatekeeper.end(), observer.end()]);
    }
  });
});
