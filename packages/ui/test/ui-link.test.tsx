import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NotificationsMenu, ReadinessHint, StartResultNotice, UiLinkProvider, type UiLinkProps } from "../src";
import { previews, startResults, syncRunId } from "./fixtures";
import { linksIn } from "./markup";

// Stands in for Remix's <Link>: same `to` prop, recognisable markup.
function RouterLink({ to, children, className }: UiLinkProps) {
  return (
    <a href={to} className={className} data-router-link="">
      {children}
    </a>
  );
}

describe("UiLinkProvider", () => {
  it("renders plain anchors without a provider", () => {
    const html = renderToStaticMarkup(<StartResultNotice result={startResults.accepted} operation="inventory.sync" targetLabel="Contoso" />);
    expect(linksIn(html)).toEqual([expect.objectContaining({ href: `/admin/operations/${syncRunId}` })]);
    expect(html).not.toContain("data-router-link");
  });

  it("routes every component's links through the provided component", () => {
    const html = renderToStaticMarkup(
      <UiLinkProvider value={RouterLink}>
        <StartResultNotice result={startResults.blocked} operation="inventory.sync" targetLabel="Contoso" />
        <ReadinessHint preview={previews.scope_busy} operation="backup.capture" />
        <NotificationsMenu
          defaultOpen
          onMarkRead={() => {}}
          notifications={[{ id: "n1", title: "t", body: "b", createdAt: new Date(0), readAt: null, runId: syncRunId }]}
        />
      </UiLinkProvider>,
    );
    const links = linksIn(html);
    expect(links).toHaveLength(3);
    for (const link of links) expect(link.attributes).toContain("data-router-link");
  });
});
