// One word for one time: when a run was queued (its created_at) is "Queued" on the runs list, its
// filter and its CSV, as on the tenant page and on the run page, whose timeline keeps "Started" for the
// moment a worker took the run up. The list called the queue time "Started": a queued run read
// "Started 05:57 · Not started", and a batch run queued behind the workspace's cap read "Started" hours
// before it did.
import { afterAll, describe, expect, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { LiveProvider } from "../app/live/live-provider";
import Operations, { loader } from "../app/routes/admin.operations._index";
import { adminContextFor, renderRoute } from "./support/render-route";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());

function LiveOperations() {
  return (
    <LiveProvider>
      <Operations />
    </LiveProvider>
  );
}

const text = (html: string) => html.replace(/<[^>]*>/g, "");

describe("the runs list's times", () => {
  it("names the queue time Queued, in the column and the date filter", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 1);
    const tenant = tenants[0]!;
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
    await prisma.operationRun.create({
      data: {
        tenantId: tenant.id,
        operation: "inventory.sync",
        targetKind: "tenant",
        targetId: tenant.id,
        scopeKey: "policies",
        status: "queued",
        initiatorKind: "user",
        initiatorUserId: owner.id,
        createdAt: new Date("2026-11-20T05:57:00Z"),
      },
    });
    const context = await adminContextFor(prisma, owner);
    const { html } = await renderRoute({ path: routes.operations(), loader, Component: LiveOperations }, context, `http://admin.test${routes.operations({ tenant: tenant.slug })}`);

    const headers = [...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map(([, cell]) => text(cell ?? ""));
    expect(headers).toEqual(["Status", "Operation", "Queued", "Duration", "Started by", "Connection", "Details"]);
    const row = /<tr[^>]*data-run="[^"]*"[^>]*>(.*?)<\/tr>/s.exec(html)?.[1] ?? "";
    expect(text(row)).toContain("20 Nov 2026, 05:57 UTC");
    expect(text(row)).toContain("Not started");
    const labels = [...html.matchAll(/<label[^>]*>(.*?)<\/label>/gs)].map(([, label]) => text(label ?? "").trim());
    expect(labels).toEqual(expect.arrayContaining(["Queued from (first day, inclusive)", "Queued to (last day, inclusive)"]));
    expect(labels.some((label) => label.startsWith("Started"))).toBe(false);
  });
});
