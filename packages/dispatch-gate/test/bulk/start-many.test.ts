// startMany: one batch, one StartResult per tenant, the four outcomes of a single start; runs and
// jobs admitted together (batch priority, the workspace's named queues); blocked tenants audited;
// the idempotency key answers the first batch, also when submitted twice at once.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { startMany, startOperation, BATCH_JOB_PRIORITY } from "../../src";
import { testPrisma } from "@tenantpilot/test-support";
import { orphans, seedConnection, seedTenant, seedUser } from "../fixtures";
import { everyTenant, seedReadyTenants } from "./bulk-fixtures";

const prisma = testPrisma(20);
afterAll(() => prisma.$disconnect());

async function tenantOf(id: string) {
  return prisma.tenant.findUniqueOrThrow({ where: { id }, select: { id: true, slug: true, displayName: true } });
}

describe("startMany", () => {
  it("answers each tenant with the single start's outcome, in one batch", async () => {
    const user = await seedUser(prisma);
    const initiator = { kind: "user" as const, userId: user.id };
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 4);
    const [fresh, running, busy, blocked] = tenants as [(typeof tenants)[0], (typeof tenants)[0], (typeof tenants)[0], (typeof tenants)[0]];
    const first = await startOperation(prisma, { tenantId: running.id, operation: "inventory.sync", initiator });
    const holder = await startOperation(prisma, { tenantId: busy.id, operation: "backup.capture", initiator });
    await prisma.providerConnection.updateMany({ where: { tenantId: blocked.id }, data: { consentState: "revoked" } });

    const result = await startMany(prisma, {
      workspaceId,
      tenants,
      operation: "inventory.sync",
      initiator,
      idempotencyKey: randomUUID(),
      selection: everyTenant,
    });

    expect(result.batch.created).toBe(true);
    const byTenant = new Map(result.items.map((item) => [item.tenant.id, item.result]));
    expect(byTenant.get(fresh.id)).toMatchObject({ outcome: "accepted", run: { status: "queued" } });
    expect(byTenant.get(running.id)).toEqual({ outcome: "deduped", run: first.outcome === "accepted" ? first.run : undefined });
    expect(byTenant.get(busy.id)).toMatchObject({ outcome: "scope_busy", blockingRun: { id: holder.outcome === "accepted" ? holder.run.id : "" } });
    expect(byTenant.get(blocked.id)).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });
    expect(result.rollup).toEqual({
      total: 4,
      byOutcome: { accepted: 1, deduped: 1, scope_busy: 1, blocked: 1 },
      blockedByReason: { provider_consent_missing: 1 },
    });

    // Rows hold the answers — the accepted tenant's row is its run, which belongs to the batch (ADR 036);
    // its job waits behind operator clicks.
    const rows = await prisma.batchItem.findMany({ where: { batchId: result.batch.id } });
    expect(rows.map((row) => row.outcome).sort()).toEqual(["blocked", "deduped", "scope_busy"]);
    const accepted = byTenant.get(fresh.id);
    if (accepted?.outcome !== "accepted") throw new Error("expected accepted");
    expect(await prisma.operationRun.findUniqueOrThrow({ where: { id: accepted.run.id } })).toMatchObject({ batchId: result.batch.id, initiatorUserId: user.id });
    const [job] = await prisma.$queryRaw<{ priority: number; queue_name: string | null }[]>`
      SELECT priority, queue_name FROM graphile_worker.jobs WHERE key = ${`run:${fresh.id}:policies`}`;
    expect(job).toEqual({ priority: BATCH_JOB_PRIORITY, queue_name: expect.stringMatching(new RegExp(`^batch:${workspaceId}:\\d+$`)) });
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });

    // One audit row for the batch, one per blocked tenant (as the single gate writes it).
    expect(await prisma.auditLogEntry.count({ where: { action: "batch.started", targetId: result.batch.id } })).toBe(1);
    const blockedAudit = await prisma.auditLogEntry.findMany({ where: { action: "operation.blocked", tenantId: blocked.id } });
    expect(blockedAudit).toEqual([expect.objectContaining({ reasonCode: "provider_consent_missing", actorUserId: user.id, operation: "inventory.sync" })]);
  });

  it("the same idempotency key answers the first batch, never a second one — also when sent twice at once", async () => {
    const user = await seedUser(prisma);
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 40);
    const key = randomUUID();
    const submit = () =>
      startMany(prisma, { workspaceId, tenants, operation: "directory.sync", initiator: { kind: "user", userId: user.id }, idempotencyKey: key, selection: everyTenant });
    const answers = await Promise.all([submit(), submit(), submit()]);
    expect(new Set(answers.map((answer) => answer.batch.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.batch.created)).toHaveLength(1);
    expect(await prisma.batch.count({ where: { idempotencyKey: key } })).toBe(1);
    expect(await prisma.operationRun.count({ where: { tenantId: { in: tenants.map((t) => t.id) } } })).toBe(40);
    // Every answer is the first answer: 40 accepted, the same runs.
    for (const answer of answers) {
      expect(answer.rollup.byOutcome.accepted).toBe(40);
      expect(answer.items.map((item) => item.result)).toEqual(expect.arrayContaining(answers.find((a) => a.batch.created)!.items.map((item) => item.result)));
    }
    // Another user's identical key is another batch.
    const other = await seedUser(prisma);
    const theirs = await startMany(prisma, { workspaceId, tenants, operation: "directory.sync", initiator: { kind: "user", userId: other.id }, idempotencyKey: key, selection: everyTenant });
    expect(theirs.batch.id).not.toBe(answers[0].batch.id);
    expect(theirs.rollup.byOutcome.deduped).toBe(40);
  });

  it("checks each tenant's primary connection, and generates the named report", async () => {
    const user = await seedUser(prisma);
    const initiator = { kind: "user" as const, userId: user.id };
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 2);
    const checks = await startMany(prisma, { workspaceId, tenants, operation: "connection.check", initiator, idempotencyKey: randomUUID(), selection: everyTenant });
    expect(checks.rollup.byOutcome.accepted).toBe(2);
    const runs = await prisma.operationRun.findMany({ where: { batchId: checks.batch.id }, include: { providerConnection: true } });
    for (const run of runs) expect(run).toMatchObject({ targetKind: "provider_connection", targetId: run.providerConnectionId, scopeKey: `connection:${run.providerConnectionId}` });
    const reports = await startMany(prisma, { workspaceId, tenants, operation: "report.generate", reportKind: "device-compliance", initiator, idempotencyKey: randomUUID(), selection: everyTenant });
    expect(reports.rollup.byOutcome.accepted).toBe(2);
    expect(await prisma.operationRun.findMany({ where: { batchId: reports.batch.id }, select: { targetKind: true, targetId: true } })).toEqual([
      { targetKind: "report_kind", targetId: "device-compliance" },
      { targetKind: "report_kind", targetId: "device-compliance" },
    ]);
  });

  it("leaves out tenants of another workspace even when a caller passes them", async () => {
    const user = await seedUser(prisma);
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 1);
    const stranger = await seedTenant(prisma);
    const result = await startMany(prisma, {
      workspaceId,
      tenants: [...tenants, await tenantOf(stranger.tenant.id)],
      operation: "inventory.sync",
      initiator: { kind: "user", userId: user.id },
      idempotencyKey: randomUUID(),
      selection: everyTenant,
    });
    expect(result.items.map((item) => item.tenant.id)).toEqual([tenants[0]!.id]);
    expect(await prisma.operationRun.count({ where: { tenantId: stranger.tenant.id } })).toBe(0);
  });

  it("a tenant without a primary connection is answered as a single check without a target would be", async () => {
    const user = await seedUser(prisma);
    const lone = await seedTenant(prisma, { connection: { isPrimary: false } });
    await seedConnection(prisma, lone.tenant.id, { isPrimary: false });
    const result = await startMany(prisma, {
      workspaceId: lone.workspace.id,
      tenants: [await tenantOf(lone.tenant.id)],
      operation: "connection.check",
      initiator: { kind: "user", userId: user.id },
      idempotencyKey: randomUUID(),
      selection: everyTenant,
    });
    expect(result.items[0]?.result).toEqual(await startOperation(prisma, { tenantId: lone.tenant.id, operation: "connection.check", initiator: { kind: "user", userId: user.id } }));
  });
});
