// The tenant banner's next step goes where the viewer's role can act, like every other next step: a
// read-only member or an operator on a tenant without a connection was offered "Add a provider
// connection", a form that only says their role does not manage connections.
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { roleCapabilities } from "@tenantpilot/auth";
import { describe as words, routes, type Role, type TenantBlocker } from "@tenantpilot/dispatch-gate/contract";
import { UiPlaceProvider } from "@tenantpilot/ui";
import { canOpen } from "../app/shell/primary-nav";
import { TenantBanner } from "../app/tenants/tenant-banner";

// The gate's own words for the reason, with its next step (the add-connection form for this tenant).
const noConnection: TenantBlocker = {
  outcome: "blocked",
  reason: "provider_connection_missing",
  ...words({ reason: "provider_connection_missing", context: { tenantSlug: "wingtip" } }),
};

function bannerFor(role: Role): string {
  const capabilities = new Set(roleCapabilities[role]);
  return renderToStaticMarkup(
    <StaticRouter location={routes.tenant("wingtip")}>
      <UiPlaceProvider value={{ here: routes.tenant("wingtip"), canOpen: (href) => canOpen(href, capabilities) }}>
        <TenantBanner blocker={noConnection} />
      </UiPlaceProvider>
    </StaticRouter>,
  );
}

describe("the tenant banner's next step", () => {
  it("is offered to a role that can take it, and left out (the reason still said) for one that cannot", () => {
    const href = 'href="/admin/provider-connections/new?tenant=wingtip"';
    expect(bannerFor("manager")).toContain(href);
    expect(bannerFor("owner")).toContain(href);
    for (const role of ["operator", "readonly"] as const) {
      const html = bannerFor(role);
      expect(html).not.toContain(href);
      expect(html).toContain(noConnection.message.replace(/'/g, "&#x27;"));
    }
  });
});
