// The gate's answers are true end to end, with the worker and the sandbox Microsoft tenant:
// permissions as Graph grants them (broader grants pass the check and every start), needs per
// report kind, and Microsoft's last word about a connection — heard by a check or by a run —
// counting in every start, the nightly fan-out included, until a later check passes.
import { describe, expect, it } from "vitest";
import { previewStart, type OperationId, type OperationTarget } from "@tenantpilot/dispatch-gate";
import { fireDueSchedules } from "../../apps/worker/src/index";
import { accept, ending, seedTenant, type SeededTenant, workerTestBed } from "./worker-fixtures";

const { prisma, sandbox, worker } = workerTestBed();

const deviceReport: OperationTarget = { kind: "report_kind", id: "device-compliance" };
const policyReport: OperationTarget = { kind: "report_kind", id: "policy-inventory" };

const preview = (seeded: SeededTenant, operation: OperationId, target?: OperationTarget) =>
  previewStart(prisma, { tenantId: seeded.tenant.id, operation, ...(target ? { target } : {}), initiator: { kind: "system" } });

async function check(seeded: SeededTenant) {
  const runId = await accept(prisma, seeded, "connection.check", { kind: "provider_connection", id: seeded.connection.id });
  await worker.runOnce();
  return (await ending(prisma, seeded, runId)).run;
}

describe("permissions as Graph grants them", () => {
  it("grants broader than the catalogue's names: the check succeeds, every start is ready, and the work runs", async () => {
    const seeded = await seedTenant(prisma, sandbox, {
      permissions: ["Directory.Read.All", "DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementManagedDevices.ReadWrite.All"],
    });
    expect(await check(seeded)).toMatchObject({ status: "succeeded", reasonCode: null });

    for (const [operation, target] of [
      ["inventory.sync", undefined],
      ["backup.capture", undefined],
      ["directory.sync", undefined],
      ["report.generate", deviceReport],
      ["report.generate", policyReport],
    ] as const) {
      expect((await preview(seeded, operation, target)).outcome, `${operation} ${target?.id ?? ""}`).toBe("ready");
    }
    // Graph accepts Directory.Read.All for users and groups: the sync really runs.
    const sync = await accept(prisma, seeded, "directory.sync");
    await worker.runOnce();
    expect((await ending(prisma, seeded, sync)).run.status).toBe("succeeded");
  });

  it("a grant lacking one report kind's permission: the check names it, that kind is Blocked, the others ready", async () => {
    const seeded = await seedTenant(prisma, sandbox, { permissions: ["DeviceManagementConfiguration.ReadWrite.All", "Group.Read.All", "User.Read.All"] });
    expect(await check(seeded)).toMatchObject({ status: "failed", reasonCode: "provider_permission_missing" });

    expect(await preview(seeded, "report.generate", deviceReport)).toMatchObject({
      outcome: "blocked",
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
    });
    expect((await preview(seeded, "report.generate", policyReport)).outcome).toBe("ready");
    expect((await preview(seeded, "inventory.sync")).outcome).toBe("ready");
    expect((await preview(seeded, "directory.sync")).outcome).toBe("ready");
  });
});

describe("the provider's last word", () => {
  it("a 403 heard by a run blocks that report kind though the stored grants claim it; a passing check clears it", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    // What the database believes is stale: Microsoft no longer grants the managed devices permission.
    seeded.sandboxTenant.removePermission("DeviceManagementManagedDevices.Read.All");
    const runId = await accept(prisma, seeded, "report.generate", deviceReport);
    await worker.runOnce();
    expect((await ending(prisma, seeded, runId)).run).toMatchObject({ status: "failed", reasonCode: "provider_permission_missing" });

    expect(await preview(seeded, "report.generate", deviceReport)).toMatchObject({
      outcome: "blocked",
      missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
    });
    expect((await preview(seeded, "report.generate", policyReport)).outcome).toBe("ready");

    seeded.sandboxTenant.grantPermission("DeviceManagementManagedDevices.ReadWrite.All");
    expect(await check(seeded)).toMatchObject({ status: "succeeded" });
    expect((await preview(seeded, "report.generate", deviceReport)).outcome).toBe("ready");
  });

  it("a secret Microsoft rejects: the nightly schedule's batch answers Blocked with that reason and queues nothing", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.expireSecret(seeded.connection.clientId);
    expect(await check(seeded)).toMatchObject({ status: "failed", reasonCode: "provider_credentials_expired" });
    expect(await preview(seeded, "inventory.sync")).toMatchObject({ outcome: "blocked", reason: "provider_credentials_expired" });

    // The workspace's default schedule (the nightly inventory sync, ADR 019), due now.
    await prisma.schedule.updateMany({ where: { workspaceId: seeded.tenant.workspaceId, isDefault: true }, data: { nextFireAt: new Date(Date.now() - 60_000) } });
    const firings = await fireDueSchedules(prisma);
    const firing = firings.find((fired) => "rollup" in fired && fired.rollup.total > 0);
    expect(firing && "rollup" in firing ? firing.rollup.blockedByReason.provider_credentials_expired : 0).toBeGreaterThanOrEqual(1);
    expect(await prisma.operationRun.count({ where: { tenantId: seeded.tenant.id, operation: "inventory.sync" } })).toBe(0);
    expect(
      await prisma.auditLogEntry.count({
        where: { tenantId: seeded.tenant.id, action: "operation.blocked", actorKind: "system", reasonCode: "provider_credentials_expired" },
      }),
    ).toBe(1);
  });
});
