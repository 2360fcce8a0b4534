// The set-based preflight answers exactly what the single-tenant gate answers: for every situation
// previewStart tells apart, previewAll (contexts read in one statement) gives the identical
// PreviewResult, and previewMany agrees with previewStart on the bulk form of each operation.
import { afterAll, describe, expect, it } from "vitest";
import { bulkStartInputs, previewAll, previewMany, previewStart } from "../../src";
import { bulkOperationIds, operationCatalog, reportKindIds, type BulkOperation } from "../../src/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedSituations } from "./situations";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

describe("previewMany ≡ previewStart", () => {
  it("answers every situation exactly as previewStart does, from one read", async () => {
    const situations = await seedSituations(prisma);
    expect(situations.length).toBeGreaterThan(300);
    const bulk = await previewAll(prisma, situations.map((situation) => situation.input));
    const outcomes = new Set<string>();
    for (const [index, situation] of situations.entries()) {
      const single = await previewStart(prisma, situation.input);
      expect(bulk[index], situation.name).toEqual(single);
      outcomes.add(single.outcome === "blocked" ? `blocked:${single.reason}` : single.outcome);
    }
    // The matrix really covers the gate's distinctions (every outcome, every preflight reason).
    expect([...outcomes].sort()).toEqual(
      [
        "blocked:provider_connection_disabled",
        "blocked:provider_connection_missing",
        "blocked:provider_consent_missing",
        "blocked:provider_credentials_expired",
        "blocked:provider_credentials_missing",
        "blocked:provider_permission_missing",
        "blocked:target_not_found",
        "blocked:target_not_ready",
        "blocked:tenant_not_operable",
        "deduped",
        "ready",
        "scope_busy",
      ].sort(),
    );
  });

  it("previewMany over the tenants answers, per tenant, what previewStart answers for that tenant's bulk start", async () => {
    const situations = await seedSituations(prisma);
    const tenantIds = [...new Set(situations.map((situation) => situation.input.tenantId))];
    const initiator = situations[0]!.input.initiator;
    const tenants = await prisma.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, slug: true, displayName: true } });
    const operations: BulkOperation[] = bulkOperationIds.flatMap((operation) =>
      operationCatalog[operation].targetKind === "report_kind" ? reportKindIds.map((reportKind) => ({ operation, reportKind })) : [{ operation }],
    );
    for (const what of operations) {
      const answer = await previewMany(prisma, { ...what, tenants, initiator });
      const inputs = await bulkStartInputs(prisma, tenants.map((tenant) => tenant.id), what, initiator);
      expect(answer.items.map((item) => item.tenant.id)).toEqual(tenants.map((tenant) => tenant.id));
      for (const [index, item] of answer.items.entries()) {
        expect(item.result, `${what.operation} ${item.tenant.slug}`).toEqual(await previewStart(prisma, inputs[index]!));
      }
      expect(answer.rollup.total).toBe(tenants.length);
      const counted = Object.values(answer.rollup.byOutcome).reduce((sum, n) => sum + n, 0);
      expect(counted).toBe(tenants.length);
    }
  });
});
