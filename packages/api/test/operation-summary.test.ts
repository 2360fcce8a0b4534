import { afterAll, describe, expect, it } from "vitest";
import type { RunDiagnosticsInput } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedRun, seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const family = (policyType: string, syncedAt: string, items: number) => ({ policyType, label: policyType.toUpperCase(), items, changed: 0, truncated: false, syncedAt });

/** A finished inventory sync, `minutesAgo` old, that recorded `diagnostics`. */
async function finishedSync(tenantId: string, minutesAgo: number, diagnostics: RunDiagnosticsInput, status: "succeeded" | "failed" = "succeeded") {
  const run = await seedRun(prisma, tenantId, { status });
  const at = new Date(Date.now() - minutesAgo * 60_000);
  return prisma.operationRun.update({ where: { id: run.id }, data: { createdAt: at, finishedAt: at, diagnostics: diagnostics as object } });
}

describe("operations.summary — one operation of one tenant as its page shows it", () => {
  it("answers the active run, the last finished run with its reason, and coverage dated per family", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.consentMissing.tenant;
    await finishedSync(tenant.id, 30, { inventory: { coverage: [family("a", "2026-11-01T00:00:00Z", 4), family("b", "2026-11-01T00:00:00Z", 2)] } });
    // The newest sync failed after family a, naming the permission Graph refused.
    const last = await finishedSync(
      tenant.id,
      10,
      { inventory: { coverage: [family("a", "2026-11-02T00:00:00Z", 5)] }, missingPermissions: ["DeviceManagementConfiguration.Read.All"] },
      "failed",
    );
    await prisma.operationRun.update({ where: { id: last.id }, data: { reasonCode: "provider_permission_missing" } });
    const active = await seedRun(prisma, tenant.id, { status: "running" });

    const summary = await callerAs(env, world.users.readonly).operations.summary({ tenant: tenant.slug, operation: "inventory.sync" });
    expect(summary.active?.run.id).toBe(active.id);
    expect(summary.last?.run.id).toBe(last.id);
    expect(summary.last?.reason).toMatchObject({
      code: "provider_permission_missing",
      missingPermissions: ["DeviceManagementConfiguration.Read.All"],
      message: expect.stringContaining("DeviceManagementConfiguration.Read.All"),
    });
    expect(summary.last?.diagnostics.inventory?.coverage.map((covered) => covered.policyType)).toEqual(["a"]);
    expect(summary.coverage).toEqual([
      { policyType: "a", label: "A", latest: { ...family("a", "2026-11-02T00:00:00Z", 5), runId: last.id }, inLastSync: true },
      { policyType: "b", label: "B", latest: { ...family("b", "2026-11-01T00:00:00Z", 2), runId: expect.any(String) }, inLastSync: false },
    ]);
  });

  it("answers nothing to show for an operation never run, and reads another operation's runs apart", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.consentMissing.tenant;
    await seedRun(prisma, tenant.id, { status: "succeeded", operation: "backup.capture" });
    const summary = await callerAs(env, world.users.readonly).operations.summary({ tenant: tenant.slug, operation: "inventory.sync" });
    expect(summary).toEqual({ active: null, last: null, coverage: [] });
  });

  it("reads a directory sync's listing typed, and another workspace's tenant is not found", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.consentMissing.tenant;
    const run = await seedRun(prisma, tenant.id, { status: "succeeded" });
    await prisma.operationRun.update({
      where: { id: run.id },
      data: { operation: "directory.sync", scopeKey: "directory", diagnostics: { directory: { users: { items: 3, truncated: false, syncedAt: "2026-11-02T00:00:00Z" } } } },
    });
    const reader = callerAs(env, world.users.readonly);
    const summary = await reader.operations.summary({ tenant: tenant.slug, operation: "directory.sync" });
    expect(summary.last?.diagnostics.directory).toEqual({ users: { items: 3, truncated: false, syncedAt: "2026-11-02T00:00:00Z" } });
    expect(await rejection(reader.operations.summary({ tenant: world.tenants.foreign.tenant.slug, operation: "directory.sync" }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
