// The runs list's and the activity's tenant filter at MSP scale: the tenant the URL names (a tenant
// page's "All runs of …", a bookmark) is the one the picker shows and the header names, even when it is
// not among the first 200 by name — never "All tenants" over one tenant's rows, which the next filter
// change would also silently widen to every tenant.
import { afterAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { LiveProvider } from "../app/live/live-provider";
import WorkspaceActivity, { loader as activityLoader } from "../app/routes/admin.activity";
import Operations, { loader as operationsLoader } from "../app/routes/admin.operations._index";
import { adminContextFor, renderRoute } from "./support/render-route";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const live = (Page: () => React.JSX.Element) =>
  function LivePage() {
    return (
      <LiveProvider>
        <Page />
      </LiveProvider>
    );
  };

/** The option the tenant picker marks as chosen, as the document request renders it. */
function chosenTenant(html: string): string | null {
  const picker = /<select[^>]*name="tenant"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? "";
  return /<option value="([^"]*)" selected="">/.exec(picker)?.[1] ?? null;
}

describe("the tenant filter of the runs list and the activity, past the first 200 tenants by name", () => {
  it("shows the tenant the URL names as chosen, and the runs header names it", { timeout: 60_000 }, async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 250);
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
    const context: AppLoadContext = await adminContextFor(prisma, owner);
    const last = tenants.at(-1)!; // "Tenant 000250": the 250th by name
    const workspace = (await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).slug;

    const runs = await renderRoute({ path: routes.operations(), loader: operationsLoader, Component: live(Operations) }, context, `http://admin.test${routes.operations({ tenant: last.slug })}`);
    expect(chosenTenant(runs.html)).toBe(last.slug);
    expect(runs.html).toContain(`Runs of ${last.displayName}, newest first.`);
    // The first 200 by name are still offered, the named one once.
    expect(runs.data.tenants.filter((tenant) => tenant.slug === last.slug)).toHaveLength(1);
    expect(runs.data.tenants).toHaveLength(201);

    const activity = await renderRoute(
      { path: routes.activity(), loader: activityLoader, Component: live(WorkspaceActivity) },
      context,
      `http://admin.test${routes.activity({ workspace, tenant: last.slug })}`,
    );
    expect(chosenTenant(activity.html)).toBe(last.slug);

    // An archived tenant's runs stay listed, and so does its name in the picker.
    const archived = tenants.at(-2)!;
    await prisma.tenant.update({ where: { id: archived.id }, data: { status: "archived" } });
    const archivedRuns = await renderRoute({ path: routes.operations(), loader: operationsLoader, Component: live(Operations) }, context, `http://admin.test${routes.operations({ tenant: archived.slug })}`);
    expect(chosenTenant(archivedRuns.html)).toBe(archived.slug);

    // A tenant among the first 200 is not offered twice; no tenant named offers the first 200.
    const first = tenants[0]!;
    expect((await renderRoute({ path: routes.operations(), loader: operationsLoader, Component: live(Operations) }, context, `http://admin.test${routes.operations({ tenant: first.slug })}`)).data.tenants).toHaveLength(200);
    expect((await renderRoute({ path: routes.operations(), loader: operationsLoader, Component: live(Operations) }, context, `http://admin.test${routes.operations()}`)).data.tenants).toHaveLength(200);

    // Any tenant past the first 200 can be picked: the picker says it shows the first 200 and finds the others (?find=).
    const unfound = await renderRoute({ path: routes.operations(), loader: operationsLoader, Component: live(Operations) }, context, `http://admin.test${routes.operations()}`);
    expect(unfound.html).toContain("Showing the first 200 tenants by name");
    const wanted = tenants[239]!;
    const runsFound = await renderRoute(
      { path: routes.operations(), loader: operationsLoader, Component: live(Operations) },
      context,
      `http://admin.test${routes.operations({ find: wanted.displayName })}`,
    );
    expect(runsFound.data.tenants.map((tenant) => tenant.slug)).toEqual([wanted.slug]);
    expect(runsFound.html).toMatch(new RegExp(`<input[^>]*name="find"[^>]*value="${wanted.displayName}"`));
    // The find text filters no run: the CSV export of the list does not carry it.
    expect(runsFound.html).toMatch(/href="\/export\/operations\.csv"/);
    const activityFound = await renderRoute(
      { path: routes.activity(), loader: activityLoader, Component: live(WorkspaceActivity) },
      context,
      `http://admin.test${routes.activity({ workspace, find: wanted.displayName })}`,
    );
    expect(activityFound.data.tenants.map((tenant) => tenant.slug)).toEqual([wanted.slug]);
  });
});
