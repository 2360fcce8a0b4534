import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NotificationsMenu, ReadinessHint, StartResultNotice, UiLinkProvider, UiPlaceProvider, type UiLinkProps } from "../src";
import { expectedNextStepHref, previews, startResults, syncRunId } from "./fixtures";
import { linksIn, textOf } from "./markup";

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
          onMarkAllRead={() => {}}
          notifications={[{ id: "n1", title: "t", body: "b", createdAt: new Date(0), readAt: null, runId: syncRunId }]}
        />
      </UiLinkProvider>,
    );
    const links = linksIn(html);
    expect(links).toHaveLength(3);
    for (const link of links) expect(link.attributes).toContain("data-router-link");
  });
});

describe("UiPlaceProvider", () => {
  const nextStep = { label: "Grant admin consent", href: expectedNextStepHref };
  const surfaces = () => (
    <>
      <StartResultNotice result={startResults.blocked} operation="inventory.sync" targetLabel="Contoso" />
      <ReadinessHint preview={previews.blocked} operation="inventory.sync" />
      <NotificationsMenu
        defaultOpen
        onMarkRead={() => {}}
          onMarkAllRead={() => {}}
        notifications={[{ id: "n1", title: "t", body: "b", createdAt: new Date(0), readAt: new Date(0), runId: null, nextStep }]}
      />
    </>
  );
  const stepLinks = (html: string) => linksIn(html).filter((link) => link.href === expectedNextStepHref);

  it("leaves out a next step that leads to the page it is shown on, keeping the reason", () => {
    const html = renderToStaticMarkup(<UiPlaceProvider value={{ here: expectedNextStepHref, canOpen: () => true }}>{surfaces()}</UiPlaceProvider>);
    expect(stepLinks(html)).toEqual([]);
    expect(textOf(html)).not.toContain("Next step");
    expect(html).toContain('data-reason="provider_consent_missing"');
  });

  it("leaves out a next step the viewer's role cannot open", () => {
    const html = renderToStaticMarkup(
      <UiPlaceProvider value={{ here: "/admin/t/contoso", canOpen: (href) => href !== expectedNextStepHref }}>{surfaces()}</UiPlaceProvider>,
    );
    expect(stepLinks(html)).toEqual([]);
    expect(html).toContain('data-reason="provider_consent_missing"');
  });

  it("shows the next step everywhere else", () => {
    const html = renderToStaticMarkup(<UiPlaceProvider value={{ here: "/admin/t/contoso", canOpen: () => true }}>{surfaces()}</UiPlaceProvider>);
    expect(stepLinks(html)).toHaveLength(3);
  });
});
