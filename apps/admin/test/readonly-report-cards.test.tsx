// A read-only member's tenant page: every operation card says how ready its start is — the report
// cards too, which showed nothing (their preview needed the start capability) — in the words every
// other card uses (ReadinessHint, packages/ui), and no card offers a start form the role cannot use.
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { RouteObject } from "react-router-dom";
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { reportKindIds, reportKinds, routes } from "@tenantpilot/dispatch-gate/contract";
import { seedWorld, type World } from "../../../tests/api/support/world";
import TenantLayout, { loader as layoutLoader } from "../app/routes/admin.t.$tenant";
import TenantOverview, { loader as overviewLoader } from "../app/routes/admin.t.$tenant._index";
import Reports, { loader as reportsLoader } from "../app/routes/admin.t.$tenant.reports._index";
import { LiveProvider } from "../app/live/live-provider";
import { adminContextFor } from "./support/render-route";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());

/** The tenant page as a document request renders it: the layout and its overview, for `user`. */
async function tenantPage(user: World["users"]["readonly"], slug: string, page: { path?: string; loader: typeof overviewLoader | typeof reportsLoader; Component: () => JSX.Element } = { loader: overviewLoader, Component: TenantOverview }) {
  const context = await adminContextFor(prisma, user);
  const routeObjects: RouteObject[] = [
    {
      id: "routes/admin.t.$tenant",
      path: "/admin/t/:tenant",
      loader: ({ request, params }) => layoutLoader({ request, params, context }),
      Component: TenantLayout,
      children: [
        { id: "page", ...(page.path ? { path: page.path } : { index: true }), loader: ({ request, params }) => page.loader({ request, params, context }), Component: page.Component },
      ],
    },
  ];
  const handler = createStaticHandler(routeObjects);
  const state = await handler.query(new Request(`http://admin.test${page.path ? routes.tenantReports(slug) : routes.tenant(slug)}`));
  if (state instanceof Response) throw new Error(`answered ${state.status}`);
  if (state.errors) throw new Error(JSON.stringify(state.errors));
  return renderToString(
    <LiveProvider>
      <StaticRouterProvider router={createStaticRouter(routeObjects, state)} context={state} />
    </LiveProvider>,
  );
}

/** Each operation card's markup, by its accessible name. */
function cards(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of html.matchAll(/<section[^>]*data-operation="[^"]*"[^>]*aria-label="([^"]*)"[^>]*>(.*?)<\/section>/gs)) found.set(match[1]!, match[2]!);
  return found;
}

describe("a read-only member's operation cards on a tenant page", () => {
  it("each says its readiness, the report cards too (overview and reports tab), and none offers a start form", async () => {
    const world = await seedWorld(prisma);
    const html = await tenantPage(world.users.readonly, world.tenants.ready.tenant.slug);
    const shown = cards(html);
    for (const kind of reportKindIds) expect([...shown.keys()]).toContain(`Generate report · ${reportKinds[kind].label}`);
    for (const [name, card] of shown) {
      expect({ name, readiness: /Ready|Blocked|Already running|Scope busy/.test(card) }).toEqual({ name, readiness: true });
      expect(card).not.toContain("<form");
      expect(card).toContain("Your role can view this tenant but not start operations.");
    }
    // The reports tab's cards alike.
    const reportCards = cards(await tenantPage(world.users.readonly, world.tenants.ready.tenant.slug, { path: "reports", loader: reportsLoader, Component: Reports }));
    expect(reportCards.size).toBe(reportKindIds.length);
    for (const [name, card] of reportCards) {
      expect({ name, readiness: /Ready|Blocked|Already running|Scope busy/.test(card) }).toEqual({ name, readiness: true });
      expect(card).not.toContain("<form");
    }
    // The operator sees the same lines, with the start forms.
    const operatorCards = cards(await tenantPage(world.users.operator, world.tenants.ready.tenant.slug));
    for (const kind of reportKindIds) expect(operatorCards.get(`Generate report · ${reportKinds[kind].label}`)).toContain("<form");
  });
});
