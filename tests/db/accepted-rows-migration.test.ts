// Migration 20261202400000 (ADR 036) on a database that already holds batches: every accepted row
// becomes its run's batch_id (set where the run lacked it) and goes; the other rows stay; the view
// answers every row of the batch as before.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrate } from "@tenantpilot/db";
import { createEmptyDatabase } from "@tenantpilot/test-support";

const migration = "20261202400000_accepted_rows_are_runs";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe(`migration ${migration}`, () => {
  it("moves accepted rows into their runs and keeps every row of the batch", async () => {
    const db = await createEmptyDatabase();
    cleanups.push(db.drop);
    const dir = await mkdtemp(path.join(tmpdir(), "tp-migrations-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await rm(path.join(dir, migration), { recursive: true });
    await migrate({ databaseUrl: db.url, migrationsDir: dir });

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanups.push(() => client.end());
    const one = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await client.query<T>(sql, values)).rows[0]!;
    const { id: workspaceId } = await one<{ id: string }>(`INSERT INTO workspaces (slug, name) VALUES ('moved', 'Moved') RETURNING id`);
    const tenant = async (slug: string) =>
      (await one<{ id: string }>(`INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status) VALUES ($1, $2, $2, gen_random_uuid(), 'active') RETURNING id`, [workspaceId, slug])).id;
    const [admitted, unmarked, blocked] = [await tenant("admitted"), await tenant("unmarked"), await tenant("blocked")];
    const { id: batchId } = await one<{ id: string }>(
      `INSERT INTO batches (workspace_id, operation, target_kind, selection, initiator_kind, idempotency_key, tenant_count)
       VALUES ($1, 'inventory.sync', 'tenant', '{}', 'system', 'k', 3) RETURNING id`,
      [workspaceId],
    );
    const run = async (tenantId: string, withBatch: boolean) =>
      (
        await one<{ id: string }>(
          `INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, initiator_kind, batch_id)
           VALUES ($1::uuid, 'inventory.sync', 'tenant', $1::text, 'policies', 'system', $2::uuid) RETURNING id`,
          [tenantId, withBatch ? batchId : null],
        )
      ).id;
    // As admit_operation_runs wrote them, and one run whose batch_id was never set.
    const admittedRun = await run(admitted, true);
    const unmarkedRun = await run(unmarked, false);
    await client.query(
      `INSERT INTO batch_items (batch_id, tenant_id, outcome, run_id) VALUES ($1, $2, 'accepted', $3), ($1, $4, 'accepted', $5)`,
      [batchId, admitted, admittedRun, unmarked, unmarkedRun],
    );
    await client.query(
      `INSERT INTO batch_items (batch_id, tenant_id, outcome, reason_code, result) VALUES ($1, $2, 'blocked', 'provider_consent_missing', '{"outcome":"blocked"}')`,
      [batchId, blocked],
    );

    const applied = await migrate({ databaseUrl: db.url, migrationsDir: defaultMigrationsDir });
    expect(applied.applied).toContain(migration);

    const stored = await client.query<{ tenant_id: string; outcome: string }>(`SELECT tenant_id, outcome FROM batch_items WHERE batch_id = $1`, [batchId]);
    expect(stored.rows).toEqual([{ tenant_id: blocked, outcome: "blocked" }]);
    const runs = await client.query<{ id: string; batch_id: string | null }>(`SELECT id, batch_id FROM operation_runs ORDER BY id`);
    expect(runs.rows).toEqual([{ id: admittedRun, batch_id: batchId }, { id: unmarkedRun, batch_id: batchId }].sort((a, b) => (a.id < b.id ? -1 : 1)));
    const entries = await client.query<{ tenant_id: string; outcome: string; run_id: string | null }>(
      `SELECT tenant_id, outcome, run_id FROM batch_entries WHERE batch_id = $1 ORDER BY outcome, tenant_id`,
      [batchId],
    );
    expect(entries.rows).toEqual([
      ...[
        { tenant_id: admitted, outcome: "accepted", run_id: admittedRun },
        { tenant_id: unmarked, outcome: "accepted", run_id: unmarkedRun },
      ].sort((a, b) => (a.tenant_id < b.tenant_id ? -1 : 1)),
      { tenant_id: blocked, outcome: "blocked", run_id: null },
    ]);
  });
});
