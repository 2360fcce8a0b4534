// The gate's answers through the API are true in every read: Microsoft's last word about a
// connection flips preview, start, the tenant page and the home list; a write to the customer's
// tenant needs its confirmation on the first start and on a retry; connection pages say what a
// connection blocks and why.
import { afterAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@tenantpilot/db";
import { finishRun, startRun, type FinishRunInput } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedBackupSet, seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

/** Claims and ends a run the way the worker does. */
async function endRun(db: PrismaClient, runId: string, ending: FinishRunInput): Promise<void> {
  if (!(await startRun(db, runId, { workerId: "test" })).ok) throw new Error("claim refused");
  if (!(await finishRun(db, runId, ending)).ok) throw new Error("finish refused");
}

describe("the provider's last word, through the API", () => {
  it("a failed check flips preview, start, the tenant page and the home list to Blocked; a passing check flips them back", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const { tenant, connection } = world.tenants.ready;
    const slug = tenant.slug;
    // The home list's readiness to sync inventory (the list reports one per operation).
    const readiness = async () =>
      (await owner.tenants.list()).items.find((item) => item.slug === slug)?.readiness.find((entry) => entry.operation === "inventory.sync")?.result;
    expect(await owner.operations.preview({ tenant: slug, operation: "inventory.sync" })).toMatchObject({ outcome: "ready" });

    // A new secret with a future expiry is stored, and Microsoft rejects it anyway.
    const check = await owner.operations.start({ tenant: slug, operation: "connection.check", target: connection!.id });
    if (check.outcome !== "accepted") throw new Error(`expected accepted, got ${check.outcome}`);
    await endRun(prisma, check.run.id, {
      status: "failed",
      reason: "provider_credentials_expired",
      detail: "AADSTS7000222: The provided client secret keys for app are expired.",
    });

    const blocked = {
      outcome: "blocked",
      reason: "provider_credentials_expired",
      message: "The provider connection's client secret has expired or was rejected.",
      nextStep: { label: "Rotate the client secret", href: `/admin/provider-connections/${connection!.id}` },
    };
    expect(await owner.operations.preview({ tenant: slug, operation: "inventory.sync" })).toEqual(blocked);
    expect(await owner.operations.start({ tenant: slug, operation: "inventory.sync" })).toEqual(blocked);
    expect(await readiness()).toEqual(blocked);
    const page = await owner.tenants.detail({ tenant: slug });
    expect(page.readiness.map((entry) => [entry.operation, entry.preview.outcome])).toEqual([
      ["inventory.sync", "blocked"],
      ["backup.capture", "blocked"],
      ["directory.sync", "blocked"],
    ]);
    const standing = (await owner.connections.detail({ connectionId: connection!.id })).standing;
    expect(standing?.lastWord).toMatchObject({ reason: "provider_credentials_expired", runHref: check.run.href });
    expect(standing?.operations.every((verdict) => verdict.blocks?.reason === "provider_credentials_expired")).toBe(true);

    // The check is never held back by the last word; once it passes, everything is ready again.
    const again = await owner.operations.start({ tenant: slug, operation: "connection.check", target: connection!.id });
    if (again.outcome !== "accepted") throw new Error(`expected accepted, got ${again.outcome}`);
    await endRun(prisma, again.run.id, { status: "succeeded" });
    expect(await owner.operations.preview({ tenant: slug, operation: "inventory.sync" })).toMatchObject({ outcome: "ready" });
    expect(await readiness()).toMatchObject({ outcome: "ready" });
    expect((await owner.operations.start({ tenant: slug, operation: "inventory.sync" })).outcome).toBe("accepted");
  });
});

describe("a restore is confirmed wherever it starts", () => {
  it("refuses a start or a retry without the tenant's short name; both pass with it", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const { tenant } = world.tenants.ready;
    const set = await seedBackupSet(prisma, tenant.id);

    const unconfirmed = await rejection(owner.operations.start({ tenant: tenant.slug, operation: "restore.execute", target: set.id }));
    expect(unconfirmed.code).toBe("BAD_REQUEST");
    expect(unconfirmed.message).toContain("confirmTenant");
    const wrong = await rejection(
      owner.operations.start({ tenant: tenant.slug, operation: "restore.execute", target: set.id, confirmTenant: world.tenants.consentMissing.tenant.slug }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id, operation: "restore.execute" } })).toBe(0);

    const first = await owner.operations.start({ tenant: tenant.slug, operation: "restore.execute", target: set.id, confirmTenant: tenant.slug });
    if (first.outcome !== "accepted") throw new Error(`expected accepted, got ${first.outcome}`);
    await endRun(prisma, first.run.id, { status: "failed", reason: "provider_unavailable" });

    const retryUnconfirmed = await rejection(owner.operations.retry({ runId: first.run.id }));
    expect(retryUnconfirmed.code).toBe("BAD_REQUEST");
    expect(retryUnconfirmed.message).toContain("confirmTenant");
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id, operation: "restore.execute" } })).toBe(1);

    const retried = await owner.operations.retry({ runId: first.run.id, confirmTenant: tenant.slug });
    expect(retried).toMatchObject({ outcome: "accepted", run: { operation: "restore.execute" } });
    // Operations that do not write to the tenant retry without it.
    expect(await owner.operations.retry({ runId: world.home.failedRun.id })).toMatchObject({ outcome: "scope_busy" });
  });
});

describe("connection pages say what a connection blocks", () => {
  it("per operation and report kind, in the gate's words", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const { connection } = world.tenants.ready;
    // Broader grants than the catalogue names, but no managed devices permission at all.
    await prisma.providerConnection.update({
      where: { id: connection!.id },
      data: { grantedPermissions: ["Directory.Read.All", "DeviceManagementConfiguration.ReadWrite.All"] },
    });
    const listed = (await owner.connections.list({})).items.find((item) => item.id === connection!.id);
    const blocks = Object.fromEntries((listed?.standing?.operations ?? []).map((verdict) => [verdict.key, verdict.blocks]));
    expect(blocks).toEqual({
      "inventory.sync": null,
      "backup.capture": null,
      "restore.execute": null,
      "directory.sync": null,
      "report.generate:device-compliance": {
        reason: "provider_permission_missing",
        message: "The provider connection lacks the Microsoft Graph permission: DeviceManagementManagedDevices.Read.All.",
        nextStep: { label: "Grant the missing permissions", href: `/admin/provider-connections/${connection!.id}` },
        missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
      },
      "report.generate:policy-inventory": null,
    });
    expect(listed?.standing?.lastWord).toBeNull();

    // The consent-less connection blocks everything with "Grant admin consent" — except its own check.
    const consentless = (await owner.connections.detail({ connectionId: world.tenants.consentMissing.connection!.id })).standing;
    expect(new Set(consentless?.operations.map((verdict) => verdict.blocks?.nextStep.label))).toEqual(new Set(["Grant admin consent"]));
    expect(
      await owner.operations.preview({
        tenant: world.tenants.consentMissing.tenant.slug,
        operation: "connection.check",
        target: world.tenants.consentMissing.connection!.id,
      }),
    ).toMatchObject({ outcome: "ready" });
  });
});
