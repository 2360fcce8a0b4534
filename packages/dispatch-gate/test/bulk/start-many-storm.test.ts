// The partial unique index is the only judge, for a batch as for a single start: startMany over 300
// tenants races 300 concurrent single starts on the same scopes. At most one active run per scope,
// every tenant answered exactly once (by the batch and by its single start), runs = jobs. And the
// statements startMany sends do not grow with the number of tenants.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@tenantpilot/db";
import { startMany, startOperation } from "../../src";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { orphans, seedUser } from "../fixtures";
import { everyTenant, maxActivePerScope, seedReadyTenants } from "./bulk-fixtures";

const prisma = testPrisma(40);
afterAll(() => prisma.$disconnect());

describe("startMany under concurrency", () => {
  it("300 tenants in a batch against 300 single starts on the same scopes: one active run per scope, one answer each", async () => {
    const user = await seedUser(prisma);
    const initiator = { kind: "user" as const, userId: user.id };
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 300);
    const batch = startMany(prisma, { workspaceId, tenants, operation: "inventory.sync", initiator, idempotencyKey: randomUUID(), selection: everyTenant });
    // Half the singles are the same operation (deduped when they lose), half another one on the scope (scope_busy).
    const singles = tenants.map((tenant, index) =>
      startOperation(prisma, { tenantId: tenant.id, operation: index % 2 === 0 ? "inventory.sync" : "backup.capture", initiator }),
    );
    const [bulk, ...single] = await Promise.all<[typeof batch, ...typeof singles]>([batch, ...singles]);

    expect(bulk.items).toHaveLength(300);
    expect(new Set(bulk.items.map((item) => item.tenant.id)).size).toBe(300);
    expect(single).toHaveLength(300);
    expect(await maxActivePerScope(prisma)).toBe(1);
    const runs = await prisma.operationRun.count({ where: { tenantId: { in: tenants.map((t) => t.id) } } });
    expect(runs).toBe(300); // every scope got exactly one run, by the batch or by the single start
    expect(bulk.rollup.byOutcome.accepted + single.filter((r) => r.outcome === "accepted").length).toBe(300);
    expect(bulk.rollup.byOutcome.blocked).toBe(0);
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });

    // Each tenant: exactly one side admitted, and the other answered with that very run.
    bulk.items.forEach((item, index) => {
      const tenantIndex = tenants.findIndex((tenant) => tenant.id === item.tenant.id);
      const other = single[tenantIndex]!;
      const mine = item.result;
      if (mine.outcome === "accepted") {
        expect(other.outcome === "deduped" ? other.run.id : other.outcome === "scope_busy" ? other.blockingRun.id : null, `tenant ${index}`).toBe(mine.run.id);
        expect(other.outcome).toBe(tenantIndex % 2 === 0 ? "deduped" : "scope_busy");
      } else {
        expect(other.outcome, `tenant ${index}`).toBe("accepted");
        const holder = other.outcome === "accepted" ? other.run.id : "";
        expect(mine.outcome === "deduped" ? mine.run.id : mine.outcome === "scope_busy" ? mine.blockingRun.id : null).toBe(holder);
        expect(mine.outcome).toBe(tenantIndex % 2 === 0 ? "deduped" : "scope_busy");
      }
    });
  });

  it("sends the same number of statements for 10 tenants as for 1,000", async () => {
    const user = await seedUser(prisma);
    const statementsFor = async (count: number) => {
      const { workspaceId, tenants } = await seedReadyTenants(prisma, count);
      // Some blocked, some held: every branch of the pass is taken at both sizes.
      await prisma.providerConnection.updateMany({ where: { tenantId: { in: tenants.slice(0, Math.ceil(count / 10)).map((t) => t.id) } }, data: { consentState: "pending" } });
      await startOperation(prisma, { tenantId: tenants[count - 1]!.id, operation: "inventory.sync", initiator: { kind: "system" } });
      const statements: string[] = [];
      const counted = createPrismaClient(testDatabaseUrl(), { maxConnections: 2, onStatement: (sql) => statements.push(sql) });
      try {
        const result = await startMany(counted, { workspaceId, tenants, operation: "inventory.sync", initiator: { kind: "user", userId: user.id }, idempotencyKey: randomUUID(), selection: everyTenant });
        expect(result.items).toHaveLength(count);
        expect(result.rollup.byOutcome.blocked).toBe(Math.ceil(count / 10));
        expect(result.rollup.byOutcome.deduped).toBe(1);
      } finally {
        await counted.$disconnect();
      }
      return statements.length;
    };
    const small = await statementsFor(10);
    const large = await statementsFor(1000);
    expect(small).toBeGreaterThan(3);
    expect(large).toBe(small);
  });
});
