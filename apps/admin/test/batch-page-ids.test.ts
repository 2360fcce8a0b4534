// The batch page's address like every other page's: a malformed batch id in the URL is the same 404
// a foreign or missing one gets ("deny as not found"), never a 400 that reads "batchId: Invalid GUID" —
// for the page and for its retry form alike.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { randomUUID } from "node:crypto";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { action, loader } from "../app/routes/admin.batches.$batch";
import { adminContextFor } from "./support/render-route";
import { thrownStatus } from "./support/thrown-status";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());


describe("the batch page's id", () => {
  it("answers a malformed id with the 404 page a missing one gets, for the page and the retry form", async () => {
    const { workspaceId } = await seedReadyTenants(prisma, 1);
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
    const context = await adminContextFor(prisma, owner);
    const page = (batch: string) => loader({ request: new Request(`http://admin.test/admin/batches/${batch}`), params: { batch }, context });
    const retry = (batch: string) =>
      action({
        request: new Request(`http://admin.test/admin/batches/${batch}`, { method: "POST", body: new URLSearchParams({ idempotencyKey: randomUUID() }) }),
        params: { batch },
        context,
      });

    const missing = await thrownStatus(() => page(randomUUID()));
    expect(missing.status).toBe(404);
    for (const malformed of ["nope", "123", "7b4ef158-f0ff-42c5-a84d-0dfbc377259"]) {
      expect(await thrownStatus(() => page(malformed))).toEqual({ status: 404, data: { kind: "not_found", message: "No such batch." } });
      expect(await thrownStatus(() => retry(malformed))).toEqual({ status: 404, data: { kind: "not_found", message: "No such batch." } });
    }
  });
});
