// The provider's last word, against the database: what Microsoft answered a connection check or a
// run counts in preview and start until a later check passes (ADR 011); broader grants pass.
import { afterAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@tenantpilot/db";
import {
  ConfirmationRequired,
  finishRun,
  loadConnectionFacts,
  previewStart,
  startOperation,
  startRun,
  type FinishRunInput,
  type OperationTarget,
  type StartInput,
} from "../src";
import { testPrisma } from "@tenantpilot/test-support";
import { seedBackupSet, seedTenant, seedUser } from "./fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const system = { kind: "system" } as const;
type Seeded = Awaited<ReturnType<typeof seedTenant>>;

/** A run admitted through the gate, claimed and ended as a worker would end it. */
async function endedRun(db: PrismaClient, input: StartInput, ending: FinishRunInput): Promise<string> {
  const result = await startOperation(db, input);
  if (result.outcome !== "accepted") throw new Error(`expected accepted, got ${JSON.stringify(result)}`);
  const claimed = await startRun(db, result.run.id, { workerId: "test" });
  if (!claimed.ok) throw new Error("claim refused");
  const finished = await finishRun(db, result.run.id, ending);
  if (!finished.ok) throw new Error("finish refused");
  return result.run.id;
}

const checkOf = (seeded: Seeded): StartInput => ({
  tenantId: seeded.tenant.id,
  operation: "connection.check",
  target: { kind: "provider_connection", id: seeded.connection!.id },
  initiator: system,
});

const failedCheck = (seeded: Seeded, ending: Omit<Extract<FinishRunInput, { status: "failed" }>, "status">) =>
  endedRun(prisma, checkOf(seeded), { status: "failed", ...ending });
const passingCheck = (seeded: Seeded) => endedRun(prisma, checkOf(seeded), { status: "succeeded" });

const preview = (seeded: Seeded, operation: StartInput["operation"] = "inventory.sync", target?: OperationTarget) =>
  previewStart(prisma, { tenantId: seeded.tenant.id, operation, ...(target ? { target } : {}), initiator: system });
const start = (seeded: Seeded, operation: StartInput["operation"] = "inventory.sync", target?: OperationTarget) =>
  startOperation(prisma, { tenantId: seeded.tenant.id, operation, ...(target ? { target } : {}), initiator: system });

describe("a failed connection check counts until a later check passes", () => {
  it("a rejected secret flips preview and start to Blocked with the catalogued reason; a passing check flips them back", async () => {
    // The stored expiry is in the future: only Microsoft's answer says otherwise.
    const seeded = await seedTenant(prisma, { connection: { secretExpiresAt: new Date(Date.now() + 90 * 86_400_000) } });
    expect((await preview(seeded)).outcome).toBe("ready");

    const checkRunId = await failedCheck(seeded, {
      reason: "provider_credentials_expired",
      detail: "AADSTS7000222: The provided client secret keys are expired.",
    });

    const blocked = {
      outcome: "blocked",
      reason: "provider_credentials_expired",
      message: "The provider connection's client secret has expired or was rejected.",
      nextStep: { label: "Rotate the client secret", href: `/admin/provider-connections/${seeded.connection!.id}` },
    };
    expect(await preview(seeded)).toEqual(blocked);
    expect(await start(seeded)).toEqual(blocked);
    expect(await prisma.operationRun.count({ where: { tenantId: seeded.tenant.id, operation: "inventory.sync" } })).toBe(0);
    // Every operation that uses the connection, not only the one shown first.
    expect(await preview(seeded, "directory.sync")).toMatchObject({ reason: "provider_credentials_expired" });

    const facts = (await loadConnectionFacts(prisma, [seeded.connection!.id])).connections.get(seeded.connection!.id);
    expect(facts?.lastWord).toMatchObject({ reason: "provider_credentials_expired", runId: checkRunId });

    // The check itself is never held back by the last word: it is how the word is cleared.
    await passingCheck(seeded);
    expect((await preview(seeded)).outcome).toBe("ready");
    expect((await start(seeded)).outcome).toBe("accepted");
  });

  it("a check that failed for a passing reason (Graph unavailable) neither blocks nor clears", async () => {
    const seeded = await seedTenant(prisma);
    await failedCheck(seeded, { reason: "provider_consent_missing" });
    await failedCheck(seeded, { reason: "provider_unavailable" });
    expect(await preview(seeded)).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });
  });

  it("rotating the secret ends a rejected-secret word, but not missing consent (that belongs to the app)", async () => {
    const seeded = await seedTenant(prisma);
    await failedCheck(seeded, { reason: "provider_credentials_missing" });
    expect(await preview(seeded)).toMatchObject({ outcome: "blocked", reason: "provider_credentials_missing" });
    await prisma.providerConnection.update({ where: { id: seeded.connection!.id }, data: { identityVersion: { increment: 1 } } });
    expect((await preview(seeded)).outcome).toBe("ready");

    const other = await seedTenant(prisma);
    await failedCheck(other, { reason: "provider_consent_missing" });
    await prisma.providerConnection.update({ where: { id: other.connection!.id }, data: { identityVersion: { increment: 1 } } });
    expect(await preview(other)).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });
    // Another app registration (client id) is a different question for Microsoft.
    await prisma.providerConnection.update({ where: { id: other.connection!.id }, data: { clientId: "7d3e1f20-5a4b-4c6d-8e9f-0a1b2c3d4e5f" } });
    expect((await preview(other)).outcome).toBe("ready");
  });

  it("a run's 403 blocks what needs that permission (per report kind), and leaves the rest ready", async () => {
    const seeded = await seedTenant(prisma);
    const user = await seedUser(prisma);
    const deviceReport: OperationTarget = { kind: "report_kind", id: "device-compliance" };
    await endedRun(
      prisma,
      { tenantId: seeded.tenant.id, operation: "report.generate", target: deviceReport, initiator: { kind: "user", userId: user.id } },
      { status: "failed", reason: "provider_permission_missing", missingPermissions: ["DeviceManagementManagedDevices.Read.All"] },
    );
    expect(await preview(seeded, "report.generate", deviceReport)).toEqual({
      outcome: "blocked",
      reason: "provider_permission_missing",
      message: "The provider connection lacks the Microsoft Graph permission: DeviceManagementManagedDevices.Read.All.",
      nextStep: { label: "Grant the missing permissions", href: `/admin/provider-connections/${seeded.connection!.id}` },
      missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
    });
    expect((await preview(seeded, "report.generate", { kind: "report_kind", id: "policy-inventory" })).outcome).toBe("ready");
    expect((await preview(seeded, "inventory.sync")).outcome).toBe("ready");
    expect((await start(seeded, "connection.check", { kind: "provider_connection", id: seeded.connection!.id })).outcome).toBe("accepted");
  });
});

describe("permissions as Graph grants them, stored on the connection", () => {
  it("grants broader than the catalogue's names: preview and start ready", async () => {
    const seeded = await seedTenant(prisma, {
      connection: { grantedPermissions: ["Directory.Read.All", "DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementManagedDevices.ReadWrite.All"] },
    });
    for (const [operation, target] of [
      ["directory.sync", undefined],
      ["report.generate", { kind: "report_kind", id: "device-compliance" }],
      ["report.generate", { kind: "report_kind", id: "policy-inventory" }],
      ["inventory.sync", undefined],
    ] as const) {
      expect((await preview(seeded, operation, target)).outcome, `${operation} ${target?.id ?? ""}`).toBe("ready");
    }
    expect((await start(seeded, "directory.sync")).outcome).toBe("accepted");
    expect((await start(seeded, "report.generate", { kind: "report_kind", id: "device-compliance" })).outcome).toBe("accepted");
  });

  it("a grant lacking one report kind's permission blocks that kind only", async () => {
    const seeded = await seedTenant(prisma, {
      connection: { grantedPermissions: ["DeviceManagementConfiguration.ReadWrite.All", "Group.Read.All", "User.Read.All"] },
    });
    expect(await preview(seeded, "report.generate", { kind: "report_kind", id: "device-compliance" })).toMatchObject({
      outcome: "blocked",
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
    });
    expect((await preview(seeded, "report.generate", { kind: "report_kind", id: "policy-inventory" })).outcome).toBe("ready");
    expect((await preview(seeded, "directory.sync")).outcome).toBe("ready");
  });
});

describe("a write to the customer's tenant needs its confirmation", () => {
  it("refuses a restore without the tenant's short name, before anything is admitted or audited", async () => {
    const seeded = await seedTenant(prisma);
    const set = await seedBackupSet(prisma, seeded.tenant.id);
    const restore = (confirmTenant?: string) =>
      startOperation(prisma, {
        tenantId: seeded.tenant.id,
        operation: "restore.execute",
        target: { kind: "backup_set", id: set.id },
        initiator: system,
        ...(confirmTenant === undefined ? {} : { confirmTenant }),
      });
    await expect(restore()).rejects.toBeInstanceOf(ConfirmationRequired);
    await expect(restore("another-tenant")).rejects.toBeInstanceOf(ConfirmationRequired);
    expect(await prisma.operationRun.count({ where: { tenantId: seeded.tenant.id } })).toBe(0);
    expect(await prisma.auditLogEntry.count({ where: { tenantId: seeded.tenant.id } })).toBe(0);
    expect((await restore(` ${seeded.tenant.slug.toUpperCase()} `)).outcome).toBe("accepted");
    // Other operations need no confirmation.
    expect((await start(seeded, "directory.sync")).outcome).toBe("accepted");
  });
});
