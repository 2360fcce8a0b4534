// Admissions that arrive together are decided in one statement (ADR 042): one commit for the group,
// the same answer per start as alone, a scope's second start in the next group (answered with the
// first as its holder), and a failing group retried plan by plan so one bad start fails alone.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@tenantpilot/db";
import { admitRun, operationCatalog, startOperation, type AdmissionPlan } from "../src";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { jobs, orphans, seedTenant } from "./fixtures";

const prisma = testPrisma(4);
const statements: string[] = [];
const gateDb = createPrismaClient(testDatabaseUrl(), { maxConnections: 4, onStatement: (sql) => statements.push(sql) });
afterAll(async () => {
  await gateDb.$disconnect();
  await prisma.$disconnect();
});

const admissionStatements = () => statements.filter((sql) => sql.includes("admit_operation_run_group"));

async function planFor(operation: "inventory.sync" | "directory.sync" = "inventory.sync"): Promise<AdmissionPlan> {
  const { tenant, connection } = await seedTenant(prisma);
  const definition = operationCatalog[operation];
  return {
    tenantId: tenant.id,
    operation: definition,
    target: { kind: "tenant", id: tenant.id },
    scopeKey: definition.scope.key(tenant.id),
    initiator: { kind: "system" },
    connection: { id: connection!.id, displayName: connection!.displayName, clientId: connection!.clientId, identityVersion: 1 },
  };
}

describe("admission groups", () => {
  it("decides starts that arrive together in one statement each group, each with its own run, job and audit row", async () => {
    const plans = await Promise.all(Array.from({ length: 12 }, () => planFor()));
    statements.length = 0;
    // Two groups are decided at a time: the first two starts go alone, the ten that wait go as one.
    const admissions = await Promise.all(plans.map((plan) => admitRun(gateDb, plan)));

    expect(admissionStatements()).toHaveLength(3);
    expect(admissions.every((admission) => admission.admitted)).toBe(true);
    const runIds = admissions.map((admission) => (admission.admitted ? admission.runId : ""));
    const runs = await prisma.operationRun.findMany({ where: { id: { in: runIds } }, select: { id: true, tenantId: true, status: true } });
    expect(new Map(runs.map((run) => [run.id, run.tenantId]))).toEqual(new Map(runIds.map((id, i) => [id, plans[i]!.tenantId])));
    expect(runs.every((run) => run.status === "queued")).toBe(true);
    const jobRuns = (await jobs(prisma)).map((job) => job.run_id);
    expect(runIds.every((id) => jobRuns.includes(id))).toBe(true);
    const audited = await prisma.auditLogEntry.findMany({ where: { action: "operation.accepted", targetId: { in: runIds } }, select: { tenantId: true, targetId: true } });
    expect(audited).toHaveLength(12);
    expect(audited.every((row) => plans[runIds.indexOf(row.targetId!)]!.tenantId === row.tenantId)).toBe(true);
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });

  it("answers a scope's second start in the same burst with the first as its holder", async () => {
    const [first, other, third] = await Promise.all([planFor(), planFor(), planFor()]);
    const again = { ...first!, operation: operationCatalog["backup.capture"] };
    statements.length = 0;
    // other and third go alone; first and again wait together for the next group.
    const [b, c, a, d] = await Promise.all([other!, third!, first!, again].map((plan) => admitRun(gateDb, plan)));

    expect([a, b, c, d]).toEqual([expect.objectContaining({ admitted: true }), expect.objectContaining({ admitted: true }), expect.objectContaining({ admitted: true }), expect.anything()]);
    if (!a?.admitted) return;
    expect(d).toEqual({
      admitted: false,
      holder: { id: a.runId, operation: "inventory.sync", status: "queued", targetKind: "tenant", targetId: first!.tenantId },
    });
    expect(await prisma.operationRun.count({ where: { tenantId: first!.tenantId } })).toBe(1);
    // again was kept for a group of its own, not sent with first (a group that could only fail).
    expect(admissionStatements()).toHaveLength(4);
  });

  it("fails only the start that fails: a failing group is decided again plan by plan", async () => {
    const plans = await Promise.all(Array.from({ length: 6 }, () => planFor("directory.sync")));
    // A connection that does not exist: this run's insert breaks its foreign key, and with it the group.
    const broken = { ...plans[4]!, connection: { ...plans[4]!.connection, id: randomUUID() } };
    plans[4] = broken;
    statements.length = 0;
    const settled = await Promise.allSettled(plans.map((plan) => admitRun(gateDb, plan)));

    expect(settled[4]).toMatchObject({ status: "rejected", reason: expect.objectContaining({ message: expect.stringMatching(/foreign key/) }) });
    expect(settled.filter((answer, i) => i !== 4 && answer.status === "fulfilled" && answer.value.admitted)).toHaveLength(5);
    // Alone, alone, the group of four that failed, then its four plans again one by one.
    expect(admissionStatements()).toHaveLength(7);
    expect(await prisma.operationRun.count({ where: { tenantId: broken.tenantId } })).toBe(0);
    expect(await prisma.auditLogEntry.count({ where: { tenantId: broken.tenantId } })).toBe(0);
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });
});

describe("admission groups of two processes", () => {
  it("two clients sending bursts over the same scopes in opposite orders admit one run per scope, and every start gets its answer", async () => {
    const other = createPrismaClient(testDatabaseUrl(), { maxConnections: 4 });
    try {
      const tenants = await Promise.all(Array.from({ length: 40 }, () => seedTenant(prisma)));
      const start = (db: typeof gateDb, tenantId: string) =>
        startOperation(db, { tenantId, operation: "inventory.sync", initiator: { kind: "system" } });
      const ids = tenants.map(({ tenant }) => tenant.id);
      const [mine, theirs] = await Promise.all([
        Promise.allSettled(ids.map((id) => start(gateDb, id))),
        Promise.allSettled([...ids].reverse().map((id) => start(other, id))),
      ]);
      const answers = [...mine, ...theirs];
      expect(answers.filter((answer) => answer.status === "rejected")).toEqual([]);
      const outcomes = answers.map((answer) => (answer.status === "fulfilled" ? answer.value.outcome : "error"));
      expect(outcomes.filter((outcome) => outcome === "accepted")).toHaveLength(40);
      expect(outcomes.filter((outcome) => outcome === "deduped")).toHaveLength(40);
      expect(await prisma.operationRun.count({ where: { tenantId: { in: ids } } })).toBe(40);
      expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
    } finally {
      await other.$disconnect();
    }
  });
});
