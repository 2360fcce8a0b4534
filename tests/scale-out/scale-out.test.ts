// Scale-out: two admin processes and two worker processes (separate OS processes) on one PostgreSQL.
// A batch over 500 tenants is started through one admin and followed through the other; one worker
// is killed mid-way. Every run ends exactly once — succeeded, or worker_lost by the surviving
// worker's reaper — the batch finishes, and its counts (read through the API) agree with the runs.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createApiToken, sealSecret } from "@tenantpilot/auth";
import { createAdminClient } from "@tenantpilot/client";
import { allNeededPermissions, batchStatusOf } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { encryptionKey, encryptionKeyText, waitFor } from "../worker/worker-fixtures";
import { spawnWorker, type WorkerProcess } from "../worker/worker-process";
import { spawnAdmin, type AdminProcess } from "./processes";

const TENANTS = 500;
const prisma = testPrisma(10);
const admins: AdminProcess[] = [];
const workers: WorkerProcess[] = [];
afterAll(async () => {
  await Promise.all([...admins.map((admin) => admin.stop()), ...workers.map((worker) => worker.kill("SIGKILL"))]);
  await prisma.$disconnect();
});

const permissions = [...allNeededPermissions];

/** 500 active tenants, each with a primary connection whose (sealed) secret the workers can open. */
async function seedWorkspace() {
  const workspace = await prisma.workspace.create({ data: { slug: `scale-${randomUUID().slice(0, 8)}`, name: "Scale-out", batchRunCap: 8 } });
  await prisma.$executeRaw`
    INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
    SELECT ${workspace.id}::uuid, 'scale-' || i || '-' || substr(md5(random()::text), 1, 6), 'Scale ' || lpad(i::text, 4, '0'), gen_random_uuid(), 'active'
      FROM generate_series(1, ${TENANTS}::int) AS i`;
  await prisma.$executeRaw`
    INSERT INTO provider_connections (tenant_id, display_name, client_id, client_secret_encrypted, client_secret_expires_at,
                                      consent_state, granted_permissions, is_primary)
    SELECT id, 'Graph app', gen_random_uuid(), ${sealSecret("scale-out-secret", encryptionKey)}, now() + interval '90 days', 'granted',
           ${permissions}::text[], true
      FROM tenants WHERE workspace_id = ${workspace.id}::uuid`;
  const user = await prisma.user.create({ data: { email: `scale-${randomUUID().slice(0, 8)}@example.test`, displayName: "Operator" } });
  await prisma.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "operator" } });
  const { token } = await createApiToken(prisma, { userId: user.id, name: "scale-out" });
  return { workspace, user, token };
}

describe("two admins, two workers, one PostgreSQL", () => {
  it("a 500-tenant batch survives a killed worker: every run ends once, the batch finishes, counts agree", { timeout: 300_000 }, async () => {
    const { workspace, user, token } = await seedWorkspace();
    const workerEnv = {
      APP_ENCRYPTION_KEY: encryptionKeyText,
      WORKER_CONCURRENCY: "4",
      HEARTBEAT_INTERVAL_MS: "300",
      RUN_LOST_AFTER_MS: "6000",
      REAPER_INTERVAL_MS: "500",
      // Each Graph answer takes a little while, so that runs are surely in flight when a worker dies.
      TENANTPILOT_SANDBOX_SLOW_MS: "40",
    };
    const doomed = spawnWorker(workerEnv);
    const survivor = spawnWorker(workerEnv);
    workers.push(doomed, survivor);
    const first = spawnAdmin();
    const second = spawnAdmin();
    admins.push(first, second);
    const [urlA, urlB] = await Promise.all([first.url, second.url]);
    await Promise.all([doomed.ready, survivor.ready]);
    const viaA = createAdminClient({ url: urlA, token });
    const viaB = createAdminClient({ url: urlB, token });

    const key = randomUUID();
    const started = await viaA.operations.startMany.mutate({
      workspace: workspace.slug,
      operation: "inventory.sync",
      selection: { kind: "filter", filter: {} },
      idempotencyKey: key,
    });
    expect(started.rollup).toMatchObject({ total: TENANTS, byOutcome: { accepted: TENANTS } });
    // The same key through the other admin answers the same batch.
    const again = await viaB.operations.startMany.mutate({ workspace: workspace.slug, operation: "inventory.sync", selection: { kind: "filter", filter: {} }, idempotencyKey: key });
    expect(again.batch).toEqual({ ...started.batch, created: false });

    // Followed through the other admin: once both workers are busy with it, one of them dies.
    await waitFor(
      "runs in flight on the doomed worker",
      async () => {
        const rows = await prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM operation_runs
           WHERE batch_id = ${started.batch.id}::uuid AND status = 'running' AND diagnostics->'worker'->>'id' LIKE ${`%:${doomed.child.pid}:%`}`;
        return (rows[0]?.n ?? 0) > 0;
      },
      120_000,
      100,
    );
    await doomed.kill("SIGKILL");

    const detail = await waitFor(
      "the batch to finish",
      async () => {
        const page = await viaB.batches.detail.query({ batchId: started.batch.id, limit: 1 });
        return batchStatusOf(page.batch.counts) === "finished" ? page : undefined;
      },
      240_000,
      500,
    );

    // Every run ended, once: succeeded, or failed as worker_lost by the reaper. No tenant got a second run.
    const runs = await prisma.operationRun.findMany({ where: { batchId: started.batch.id }, select: { tenantId: true, status: true, reasonCode: true, finishedAt: true } });
    expect(runs).toHaveLength(TENANTS);
    expect(new Set(runs.map((run) => run.tenantId)).size).toBe(TENANTS);
    const endings = runs.map((run) => `${run.status}:${run.reasonCode ?? ""}`);
    expect(new Set(endings)).toEqual(new Set(endings.filter((ending) => ending === "succeeded:" || ending === "failed:worker_lost")));
    expect(runs.every((run) => run.finishedAt !== null)).toBe(true);
    const lost = endings.filter((ending) => ending === "failed:worker_lost").length;
    expect(lost).toBeGreaterThan(0);
    expect(await prisma.operationRun.count({ where: { tenant: { workspaceId: workspace.id } } })).toBe(TENANTS);
    // No job is left to run again.
    const [jobs] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE queue_name LIKE ${`batch:${workspace.id}:%`} AND attempts < max_attempts`;
    expect(jobs?.n).toBe(0);

    // The counts the API derives agree with the runs.
    expect(detail.batch.counts).toMatchObject({
      total: TENANTS,
      byOutcome: { accepted: TENANTS, deduped: 0, scope_busy: 0, blocked: 0 },
      byRunStatus: { queued: 0, running: 0, succeeded: TENANTS - lost, failed: lost, partially_succeeded: 0, cancelled: 0 },
    });
    // And the one notification of the batch says so.
    const notes = await prisma.notification.findMany({ where: { userId: user.id } });
    expect(notes).toEqual([expect.objectContaining({ kind: "batch.finished", batchId: started.batch.id, body: `${TENANTS - lost} succeeded · ${lost} failed` })]);
    expect(survivor.output()).toContain("failed (worker_lost) by the reaper");
  });
});
