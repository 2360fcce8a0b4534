// Many concurrent starts: the partial unique index admits one run per scope; every loser gets a
// definite deduped/scope_busy answer, never an error, and no run is ever without its job.
import { afterAll, describe, expect, it } from "vitest";
import { startOperation, startRun, type StartInput } from "../src";
import type { StartResult } from "../src/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { jobs, orphans, seedBackupSet, seedTenant } from "./fixtures";

// 30 connections: enough for real contention, within the server's budget shared by all test files.
const prisma = testPrisma(30);
afterAll(() => prisma.$disconnect());

const system = { kind: "system" } as const;

describe("storm on one scope", () => {
  it("500 concurrent mixed starts → 1 accepted, the rest deduped/scope_busy, 0 errors, 1 job", { timeout: 120_000 }, async () => {
    const { tenant } = await seedTenant(prisma);
    const backups = [await seedBackupSet(prisma, tenant.id), await seedBackupSet(prisma, tenant.id)];
    // Five kinds of start that all protect the "policies" scope.
    const inputs: StartInput[] = Array.from({ length: 500 }, (_, i) => {
      switch (i % 5) {
        case 0:
          return { tenantId: tenant.id, operation: "inventory.sync", initiator: system };
        case 1:
          return { tenantId: tenant.id, operation: "backup.capture", initiator: system };
        case 2:
          return { tenantId: tenant.id, operation: "restore.execute", target: { kind: "backup_set", id: backups[0]!.id }, initiator: system, confirmTenant: tenant.slug };
        case 3:
          return { tenantId: tenant.id, operation: "restore.execute", target: { kind: "backup_set", id: backups[1]!.id }, initiator: system, confirmTenant: tenant.slug };
        default:
          return { tenantId: tenant.id, operation: "inventory.sync", initiator: system };
      }
    });

    const settled = await Promise.allSettled(inputs.map((input) => startOperation(prisma, input)));
    const errors = settled.filter((s) => s.status === "rejected");
    expect(errors.map((e) => String((e).reason))).toEqual([]);
    const results = settled.map((s, i) => ({ input: inputs[i]!, result: (s as PromiseFulfilledResult<StartResult>).value }));

    const accepted = results.filter((r) => r.result.outcome === "accepted");
    expect(accepted).toHaveLength(1);
    const winner = accepted[0]!;
    if (winner.result.outcome !== "accepted") return;
    const winnerRun = winner.result.run;

    for (const { input, result } of results) {
      if (result === winner.result) continue;
      const sameWork =
        input.operation === winner.input.operation && JSON.stringify(input.target) === JSON.stringify(winner.input.target);
      if (sameWork) expect(result).toEqual({ outcome: "deduped", run: winnerRun });
      else
        expect(result).toEqual({
          outcome: "scope_busy",
          scope: { tenantId: tenant.id, scopeKey: "policies", label: "Intune policies" },
          blockingRun: winnerRun,
        });
    }

    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    const allJobs = await jobs(prisma);
    expect(allJobs.filter((j) => j.key === `run:${tenant.id}:policies`)).toHaveLength(1);
    expect(allJobs.filter((j) => j.run_id === winnerRun.id)).toHaveLength(1);
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });
});

describe("storm against a running holder", () => {
  it("300 concurrent starts while the scope's run is running → 0 accepted, all linked to it, 0 errors, no new run or job", { timeout: 120_000 }, async () => {
    const { tenant } = await seedTenant(prisma);
    const holder = await startOperation(prisma, { tenantId: tenant.id, operation: "backup.capture", initiator: system });
    if (holder.outcome !== "accepted") throw new Error(`expected accepted, got ${holder.outcome}`);
    expect((await startRun(prisma, holder.run.id, { workerId: "storm-worker" })).ok).toBe(true);
    const running = { ...holder.run, status: "running" as const };
    const jobsBefore = (await jobs(prisma)).length;

    const inputs: StartInput[] = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0
        ? { tenantId: tenant.id, operation: "backup.capture", initiator: system }
        : { tenantId: tenant.id, operation: "inventory.sync", initiator: system },
    );
    const settled = await Promise.allSettled(inputs.map((input) => startOperation(prisma, input)));
    expect(settled.filter((s) => s.status === "rejected").map((e) => String((e).reason))).toEqual([]);
    settled.forEach((s, i) => {
      const result = (s as PromiseFulfilledResult<StartResult>).value;
      if (inputs[i]!.operation === "backup.capture") expect(result).toEqual({ outcome: "deduped", run: running });
      else
        expect(result).toEqual({
          outcome: "scope_busy",
          scope: { tenantId: tenant.id, scopeKey: "policies", label: "Intune policies" },
          blockingRun: running,
        });
    });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect((await jobs(prisma)).length).toBe(jobsBefore);
  });
});

describe("storm across scopes", () => {
  it("50 scopes at once (4 starts each) → exactly 50 runs and 50 jobs", { timeout: 120_000 }, async () => {
    const tenants = await Promise.all(Array.from({ length: 25 }, () => seedTenant(prisma)));
    const runsBefore = await prisma.operationRun.count();
    const jobsBefore = (await jobs(prisma)).length;
    const inputs: StartInput[] = tenants.flatMap(({ tenant }) =>
      [0, 1, 2, 3].flatMap(() => [
        { tenantId: tenant.id, operation: "backup.capture" as const, initiator: system },
        { tenantId: tenant.id, operation: "directory.sync" as const, initiator: system },
      ]),
    );

    const settled = await Promise.allSettled(inputs.map((input) => startOperation(prisma, input)));
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(0);
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<StartResult>).value.outcome);
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(50);
    expect(outcomes.filter((o) => o === "deduped")).toHaveLength(150);

    expect((await prisma.operationRun.count()) - runsBefore).toBe(50);
    const allJobs = await jobs(prisma);
    expect(allJobs.length - jobsBefore).toBe(50);
    const keys = new Set(allJobs.map((j) => j.key));
    for (const { tenant } of tenants) {
      expect(keys.has(`run:${tenant.id}:policies`)).toBe(true);
      expect(keys.has(`run:${tenant.id}:directory`)).toBe(true);
    }
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });
});
