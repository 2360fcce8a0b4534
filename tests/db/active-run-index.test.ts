import { afterAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "@tenantpilot/db";
import { testPrisma } from "@tenantpilot/test-support";

const prisma = testPrisma(40);
afterAll(() => prisma.$disconnect());

async function tenant() {
  const workspace = await prisma.workspace.create({
    data: { slug: `ws-${crypto.randomUUID().slice(0, 8)}`, name: "Index test" },
  });
  return prisma.tenant.create({
    data: {
      workspaceId: workspace.id,
      slug: `t-${crypto.randomUUID().slice(0, 8)}`,
      displayName: "Index test tenant",
      microsoftTenantId: crypto.randomUUID(),
      status: "active",
    },
  });
}

function activeRun(tenantId: string, scopeKey: string, operation = "inventory.sync") {
  return prisma.operationRun.create({
    data: {
      tenantId,
      operation,
      targetKind: "tenant",
      targetId: tenantId,
      scopeKey,
      initiatorKind: "system",
    },
  });
}

describe("one active run per (tenant, scope)", () => {
  it("lets exactly one of 100 concurrent inserts for one scope commit", async () => {
    const { id } = await tenant();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => activeRun(id, "policies", i % 2 ? "inventory.sync" : "backup.capture")),
    );
    const committed = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    expect(committed).toHaveLength(1);
    expect(rejected).toHaveLength(99);
    expect(rejected.every((outcome) => isUniqueViolation(outcome.reason))).toBe(true);
    expect(await prisma.operationRun.count({ where: { tenantId: id } })).toBe(1);
  });

  it("a running run holds its scope too: 50 concurrent inserts beside it all fail", async () => {
    const { id } = await tenant();
    const holder = await activeRun(id, "policies");
    await prisma.operationRun.update({
      where: { id: holder.id },
      data: { status: "running", startedAt: new Date(), heartbeatAt: new Date(), attempt: 1 },
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => activeRun(id, "policies", "backup.capture")));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(0);
    expect(
      outcomes.every((outcome) => outcome.status === "rejected" && isUniqueViolation(outcome.reason)),
    ).toBe(true);
    expect(await prisma.operationRun.count({ where: { tenantId: id } })).toBe(1);
  });

  it("frees the scope once the active run finishes, and keeps other scopes and tenants apart", async () => {
    const a = await tenant();
    const b = await tenant();
    const first = await activeRun(a.id, "policies");
    await expect(activeRun(a.id, "policies")).rejects.toSatisfy((error) => isUniqueViolation(error));

    await activeRun(a.id, "directory");
    await activeRun(b.id, "policies");

    await prisma.operationRun.update({
      where: { id: first.id },
      data: { status: "succeeded", finishedAt: new Date() },
    });
    const second = await activeRun(a.id, "policies");
    expect(second.id).not.toBe(first.id);
    expect(await prisma.operationRun.count({ where: { tenantId: a.id, scopeKey: "policies" } })).toBe(2);
  });

  it("rejects a status outside the lifecycle and an unfinished terminal run", async () => {
    const { id } = await tenant();
    await expect(
      prisma.operationRun.create({
        data: { tenantId: id, operation: "x", targetKind: "tenant", targetId: id, scopeKey: "s", initiatorKind: "system", status: "done", finishedAt: new Date() },
      }),
    ).rejects.toThrow(/operation_runs_status_check/);
    await expect(
      prisma.operationRun.create({
        data: { tenantId: id, operation: "x", targetKind: "tenant", targetId: id, scopeKey: "s", initiatorKind: "system", status: "failed" },
      }),
    ).rejects.toThrow(/operation_runs_finished_check/);
  });
});
