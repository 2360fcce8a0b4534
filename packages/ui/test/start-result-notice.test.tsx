import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { outcomeWords, reasonCatalog, startOutcomes, type StartResult } from "@tenantpilot/dispatch-gate/contract";
import { StartResultNotice } from "../src";
import { captureRunId, connection, expectedNextStepHref, startResults, syncRunId } from "./fixtures";
import { linksIn, openingTag, textOf } from "./markup";

function render(result: StartResult, operation: "inventory.sync" | "backup.capture" = "inventory.sync") {
  return renderToStaticMarkup(<StartResultNotice result={result} operation={operation} targetLabel="Contoso" />);
}

describe("StartResultNotice", () => {
  it("heads every outcome with the contract's word and names the action and its target", () => {
    for (const outcome of startOutcomes) {
      const html = render(startResults[outcome]);
      const heading = /<h2[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? "";
      expect(textOf(heading)).toBe(outcomeWords[outcome]);
      expect(textOf(html)).toContain("Sync inventory for Contoso");
      expect(openingTag(html, "data-outcome")).toContain(`data-outcome="${outcome}"`);
    }
  });

  it("accepted: Queued, the bound connection and one link to the new run", () => {
    const html = render(startResults.accepted);
    expect(textOf(html)).toContain(`Uses the provider connection ${connection.displayName}.`);
    expect(linksIn(html)).toEqual([expect.objectContaining({ href: `/admin/operations/${syncRunId}`, text: "View run" })]);
  });

  it("deduped: Already running, the existing run's status and one link to that run", () => {
    const html = render(startResults.deduped);
    expect(textOf(html)).toContain("Running");
    expect(linksIn(html)).toEqual([expect.objectContaining({ href: `/admin/operations/${syncRunId}`, text: "View run" })]);
  });

  it("scope_busy: names the holder and the scope, says to try again, links to the holding run", () => {
    const html = render(startResults.scope_busy, "backup.capture");
    const text = textOf(html);
    expect(text).toContain("Capture backup for Contoso");
    expect(text).toContain("Sync inventory is using Intune policies; try again when it finishes.");
    const links = linksIn(html);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ href: `/admin/operations/${syncRunId}`, text: "View the Sync inventory run" });
    expect(links[0]?.href).not.toContain(captureRunId);
  });

  it("blocked: the reason sentence and exactly one next-step link, no run link", () => {
    const html = render(startResults.blocked);
    expect(textOf(html)).toContain(reasonCatalog.provider_consent_missing.sentence);
    expect(linksIn(html)).toEqual([
      expect.objectContaining({ href: expectedNextStepHref, text: reasonCatalog.provider_consent_missing.nextStepLabel }),
    ]);
    expect(html).not.toContain("/admin/operations/");
  });

  it("announces blocked as an alert and the other outcomes as a polite status, focusable for focus after a start", () => {
    for (const outcome of startOutcomes) {
      const html = render(startResults[outcome]);
      const container = openingTag(html, "data-outcome") ?? "";
      expect(container).toContain('tabindex="-1"');
      expect(container).toContain('aria-atomic="true"');
      if (outcome === "blocked") {
        expect(container).toContain('role="alert"');
        expect(container).toContain('aria-live="assertive"');
      } else {
        expect(container).toContain('role="status"');
        expect(container).toContain('aria-live="polite"');
      }
      // The container is labelled by its heading (the outcome word).
      const labelledBy = /aria-labelledby="([^"]+)"/.exec(container)?.[1];
      expect(html).toContain(`<h2 id="${labelledBy}"`);
    }
  });

  it("shows a gate message that names specifics instead of the catalogue sentence", () => {
    const html = render({
      outcome: "blocked",
      reason: "provider_permission_missing",
      message: "The provider connection lacks the Microsoft Graph permission: Group.Read.All.",
      nextStep: { label: "Grant the missing permissions", href: "/admin/provider-connections/c1" },
    });
    expect(textOf(html)).toContain("lacks the Microsoft Graph permission: Group.Read.All.");
    expect(linksIn(html).map((l) => l.href)).toEqual(["/admin/provider-connections/c1"]);
  });
});
