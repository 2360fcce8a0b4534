import { afterAll, describe, expect, it } from "vitest";
import { previewStart, startOperation, startRun, StartResult, type StartInput } from "../src";
import { testPrisma } from "@tenantpilot/test-support";
import { jobs, orphans, seedBackupSet, seedConnection, seedTenant, seedUser } from "./fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const system = { kind: "system" } as const;

async function start(input: StartInput) {
  // Every answer must satisfy the published schema, not only the TypeScript type.
  return StartResult.parse(await startOperation(prisma, input));
}

describe("accepted", () => {
  it("creates one queued run bound to the primary connection and its job, in one go", async () => {
    const { tenant, connection } = await seedTenant(prisma);
    const user = await seedUser(prisma);
    const result = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "user", userId: user.id } });

    expect(result.outcome).toBe("accepted");
    if (result.outcome !== "accepted") return;
    expect(result.run).toMatchObject({ operation: "inventory.sync", status: "queued", href: `/admin/operations/${result.run.id}` });
    expect(result.connection).toEqual({
      id: connection!.id,
      displayName: connection!.displayName,
      clientId: connection!.clientId,
      identityVersion: 1,
    });

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: result.run.id } });
    expect(run).toMatchObject({
      tenantId: tenant.id,
      operation: "inventory.sync",
      targetKind: "tenant",
      targetId: tenant.id,
      scopeKey: "policies",
      status: "queued",
      initiatorKind: "user",
      initiatorUserId: user.id,
      providerConnectionId: connection!.id,
      maxAttempts: 3,
    });
    expect(run.connectionSnapshot).toEqual(result.connection);

    const [job, ...others] = (await jobs(prisma)).filter((j) => j.run_id === run.id);
    expect(others).toHaveLength(0);
    expect(job).toMatchObject({ task_identifier: "inventory_sync", max_attempts: 3, key: `run:${tenant.id}:policies` });
    // The accepted start is in the activity log, written by the admission statement itself.
    const audit = await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "operation.accepted",
        actorKind: "user",
        actorUserId: user.id,
        operation: "inventory.sync",
        targetKind: "operation_run",
        targetId: run.id,
        details: { target: { kind: "tenant", id: tenant.id }, connection: { id: connection!.id, displayName: connection!.displayName } },
      }),
    ]);
  });

  it("binds connection.check to the target connection, allowed during onboarding without consent", async () => {
    const { tenant } = await seedTenant(prisma, { status: "onboarding", connection: { consentState: "pending", grantedPermissions: [] } });
    const secondary = await seedConnection(prisma, tenant.id, { isPrimary: false, consentState: "pending", grantedPermissions: [] });
    const result = await start({
      tenantId: tenant.id,
      operation: "connection.check",
      target: { kind: "provider_connection", id: secondary.id },
      initiator: system,
    });
    expect(result.outcome).toBe("accepted");
    if (result.outcome !== "accepted") return;
    expect(result.connection.id).toBe(secondary.id);
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: result.run.id } });
    expect(run).toMatchObject({ scopeKey: `connection:${secondary.id}`, providerConnectionId: secondary.id, initiatorKind: "system", initiatorUserId: null, maxAttempts: 2 });
  });

  it("uses the catalogue's retry policy: a restore is never retried by the queue", async () => {
    const { tenant } = await seedTenant(prisma);
    const backup = await seedBackupSet(prisma, tenant.id, "partial");
    const result = await start({
      tenantId: tenant.id,
      operation: "restore.execute",
      target: { kind: "backup_set", id: backup.id },
      initiator: system,
      confirmTenant: tenant.slug,
    });
    expect(result.outcome).toBe("accepted");
    if (result.outcome !== "accepted") return;
    const [job] = (await jobs(prisma)).filter((j) => j.run_id === result.run.id);
    expect(job).toMatchObject({ task_identifier: "restore_execute", max_attempts: 1 });
  });
});

describe("deduped, scope busy, or accepted beside", () => {
  it("dedupes the same operation on the same target and links the running one, without writing", async () => {
    const { tenant } = await seedTenant(prisma);
    const first = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system });
    const again = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system });
    expect(first.outcome).toBe("accepted");
    if (first.outcome !== "accepted") return;
    expect(again).toEqual({ outcome: "deduped", run: first.run });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    // Only the first (accepted) start left an audit row.
    expect(await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id }, select: { action: true } })).toEqual([{ action: "operation.accepted" }]);
  });

  it("answers scope_busy for another operation on the same scope, naming the scope and the holder", async () => {
    const { tenant } = await seedTenant(prisma);
    const backup = await seedBackupSet(prisma, tenant.id);
    const holder = await start({ tenantId: tenant.id, operation: "backup.capture", initiator: system });
    if (holder.outcome !== "accepted") throw new Error(`expected accepted, got ${holder.outcome}`);

    for (const input of [
      { operation: "inventory.sync" as const },
      { operation: "restore.execute" as const, target: { kind: "backup_set" as const, id: backup.id } },
    ]) {
      expect(await start({ tenantId: tenant.id, initiator: system, confirmTenant: tenant.slug, ...input })).toEqual({
        outcome: "scope_busy",
        scope: { tenantId: tenant.id, scopeKey: "policies", label: "Intune policies" },
        blockingRun: holder.run,
      });
    }
  });

  it("answers scope_busy for the same operation on another target", async () => {
    const { tenant } = await seedTenant(prisma);
    const a = await seedBackupSet(prisma, tenant.id);
    const b = await seedBackupSet(prisma, tenant.id);
    const restore = (id: string) =>
      start({ tenantId: tenant.id, operation: "restore.execute", target: { kind: "backup_set", id }, initiator: system, confirmTenant: tenant.slug });
    const first = await restore(a.id);
    const second = await restore(b.id);
    expect(first.outcome).toBe("accepted");
    expect(second.outcome).toBe("scope_busy");

    const r1 = await start({ tenantId: tenant.id, operation: "report.generate", target: { kind: "report_kind", id: "device-compliance" }, initiator: system });
    const r2 = await start({ tenantId: tenant.id, operation: "report.generate", target: { kind: "report_kind", id: "policy-inventory" }, initiator: system });
    const r3 = await start({ tenantId: tenant.id, operation: "report.generate", target: { kind: "report_kind", id: "device-compliance" }, initiator: system });
    expect([r1.outcome, r2.outcome, r3.outcome]).toEqual(["accepted", "scope_busy", "deduped"]);
  });

  it("accepts operations on different scopes and tenants side by side", async () => {
    const { tenant } = await seedTenant(prisma);
    const other = await seedTenant(prisma);
    const second = await seedConnection(prisma, tenant.id, { isPrimary: false });
    const outcomes = [
      await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system }),
      await start({ tenantId: tenant.id, operation: "directory.sync", initiator: system }),
      await start({ tenantId: tenant.id, operation: "report.generate", target: { kind: "report_kind", id: "device-compliance" }, initiator: system }),
      await start({ tenantId: tenant.id, operation: "connection.check", target: { kind: "provider_connection", id: second.id }, initiator: system }),
      await start({ tenantId: other.tenant.id, operation: "inventory.sync", initiator: system }),
    ].map((r) => r.outcome);
    expect(outcomes).toEqual(["accepted", "accepted", "accepted", "accepted", "accepted"]);
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });

  it("a running run holds its scope: deduped for the same work, scope_busy for other work, preview agrees, nothing written", async () => {
    const { tenant } = await seedTenant(prisma);
    const first = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system });
    if (first.outcome !== "accepted") throw new Error(`expected accepted, got ${first.outcome}`);
    const claimed = await startRun(prisma, first.run.id, { workerId: "test-worker" });
    expect(claimed.ok).toBe(true);
    const running = { ...first.run, status: "running" as const };

    expect(await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system })).toEqual({ outcome: "deduped", run: running });
    expect(await start({ tenantId: tenant.id, operation: "backup.capture", initiator: system })).toEqual({
      outcome: "scope_busy",
      scope: { tenantId: tenant.id, scopeKey: "policies", label: "Intune policies" },
      blockingRun: running,
    });
    expect(await previewStart(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: system })).toEqual({
      outcome: "deduped",
      run: running,
    });
    expect(await previewStart(prisma, { tenantId: tenant.id, operation: "backup.capture", initiator: system })).toMatchObject({
      outcome: "scope_busy",
      blockingRun: running,
    });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect((await jobs(prisma)).filter((j) => j.key === `run:${tenant.id}:policies`)).toHaveLength(1);
    expect(await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id }, select: { action: true } })).toEqual([{ action: "operation.accepted" }]);
  });

  it("admits again once the holder has finished", async () => {
    const { tenant } = await seedTenant(prisma);
    const first = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system });
    if (first.outcome !== "accepted") throw new Error("expected accepted");
    await prisma.operationRun.update({ where: { id: first.run.id }, data: { status: "succeeded", finishedAt: new Date() } });
    const second = await start({ tenantId: tenant.id, operation: "backup.capture", initiator: system });
    expect(second.outcome).toBe("accepted");
    if (second.outcome !== "accepted") return;
    expect(second.run.id).not.toBe(first.run.id);
  });

  it("answers from the fast path even when preflight would block now", async () => {
    const { tenant, connection } = await seedTenant(prisma);
    const first = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system });
    await prisma.providerConnection.update({ where: { id: connection!.id }, data: { enabled: false } });
    const again = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system });
    expect(again.outcome).toBe("deduped");
    if (first.outcome !== "accepted" || again.outcome !== "deduped") return;
    expect(again.run.id).toBe(first.run.id);
    expect(await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id }, select: { action: true } })).toEqual([{ action: "operation.accepted" }]);
  });
});

describe("previewStart", () => {
  it("answers what a start would, writing nothing", async () => {
    const { tenant, connection } = await seedTenant(prisma);
    const noConnection = await seedTenant(prisma, { connection: null });
    const runsBefore = await prisma.operationRun.count();
    const auditBefore = await prisma.auditLogEntry.count();
    const jobsBefore = (await jobs(prisma)).length;

    expect(await previewStart(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: system })).toEqual({
      outcome: "ready",
      connection: { id: connection!.id, displayName: connection!.displayName, clientId: connection!.clientId, identityVersion: 1 },
    });
    const blocked = await previewStart(prisma, { tenantId: noConnection.tenant.id, operation: "inventory.sync", initiator: system });
    expect(blocked).toMatchObject({ outcome: "blocked", reason: "provider_connection_missing" });

    expect(await prisma.operationRun.count()).toBe(runsBefore);
    expect(await prisma.auditLogEntry.count()).toBe(auditBefore);
    expect((await jobs(prisma)).length).toBe(jobsBefore);

    const started = await start({ tenantId: tenant.id, operation: "inventory.sync", initiator: system });
    const preview = await previewStart(prisma, { tenantId: tenant.id, operation: "backup.capture", initiator: system });
    expect(preview.outcome).toBe("scope_busy");
    if (started.outcome !== "accepted" || preview.outcome !== "scope_busy") return;
    expect(preview.blockingRun.id).toBe(started.run.id);
  });
});
