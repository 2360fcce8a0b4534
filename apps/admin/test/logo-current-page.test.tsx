// The top bar's logo links to the home, like the "Tenants" section: on the home itself it says it is
// the current page (aria-current="page"), as the section links do, and on any other page it does not.
// It had no aria-current on /admin, so a screen reader announced a link to the page it was on.
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { RouteObject } from "react-router-dom";
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { seedWorld } from "../../../tests/api/support/world";
import { AppShell } from "../app/shell/app-shell";
import { adminContextFor } from "./support/render-route";

const prisma = testPrisma(2);
afterAll(() => prisma.$disconnect());

/** The logo link's opening tag: the link to the home whose text is the product's name. */
function logoLink(html: string): string {
  const match = /<a[^>]*href="\/admin"[^>]*>(?:(?!<\/a>).)*TenantPilot<\/span><\/a>/s.exec(html);
  if (!match) throw new Error("no logo link in the top bar");
  return /<a[^>]*>/.exec(match[0])![0];
}

describe("the top bar's logo link", () => {
  it("is aria-current on the home, as the section links are, and only there", async () => {
    const world = await seedWorld(prisma);
    const { viewer } = await adminContextFor(prisma, world.users.owner);
    // The shell as the root renders it around any page, in a data router (its forms need one).
    const shell: RouteObject[] = [
      {
        path: "*",
        Component: () => (
          <AppShell viewer={viewer!} notifications={null}>
            <p>page</p>
          </AppShell>
        ),
      },
    ];
    const handler = createStaticHandler(shell);
    const shellAt = async (location: string) => {
      const state = await handler.query(new Request(`http://admin.test${location}`));
      if (state instanceof Response) throw new Error(`answered ${state.status}`);
      return renderToStaticMarkup(<StaticRouterProvider router={createStaticRouter(shell, state)} context={state} />);
    };
    for (const home of [routes.home(), `${routes.home()}/`, routes.home({ workspace: world.workspaces.home.slug })]) {
      expect({ home, link: logoLink(await shellAt(home)) }).toEqual({ home, link: expect.stringContaining('aria-current="page"') });
    }
    for (const elsewhere of [routes.tenant(world.tenants.ready.tenant.slug), routes.operations(), routes.activity()]) {
      expect({ elsewhere, link: logoLink(await shellAt(elsewhere)) }).toEqual({ elsewhere, link: expect.not.stringContaining("aria-current") });
    }
  });
});
