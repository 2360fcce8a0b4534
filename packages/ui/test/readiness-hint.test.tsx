import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { reasonCatalog } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint } from "../src";
import { connection, expectedNextStepHref, previews, syncRunId } from "./fixtures";
import { linksIn, openingTag, textOf } from "./markup";

describe("ReadinessHint", () => {
  it("ready: says Ready and which connection a start would use, with no link", () => {
    const html = renderToStaticMarkup(<ReadinessHint preview={previews.ready} operation="inventory.sync" />);
    expect(textOf(html)).toBe(`Sync inventory: Ready · uses ${connection.displayName}`);
    expect(linksIn(html)).toEqual([]);
  });

  it("deduped: Already running with a link to the run a start would join", () => {
    const html = renderToStaticMarkup(<ReadinessHint preview={previews.deduped} operation="inventory.sync" />);
    expect(textOf(html)).toContain("Already running");
    expect(linksIn(html)).toEqual([expect.objectContaining({ href: `/admin/operations/${syncRunId}`, text: "View run" })]);
  });

  it("scope_busy: Scope busy, what holds the scope and a link to it", () => {
    const html = renderToStaticMarkup(<ReadinessHint preview={previews.scope_busy} operation="backup.capture" />);
    expect(textOf(html)).toContain("Scope busy · Sync inventory is using Intune policies");
    expect(linksIn(html)).toEqual([expect.objectContaining({ href: `/admin/operations/${syncRunId}` })]);
  });

  it("blocked: 'Blocked: <reason sentence>' and its one next step, before any click", () => {
    const html = renderToStaticMarkup(<ReadinessHint preview={previews.blocked} operation="inventory.sync" id="hint-1" />);
    expect(textOf(html)).toContain(`Blocked: ${reasonCatalog.provider_consent_missing.sentence}`);
    expect(linksIn(html)).toEqual([
      expect.objectContaining({ href: expectedNextStepHref, text: reasonCatalog.provider_consent_missing.nextStepLabel }),
    ]);
    expect(html).toContain('id="hint-1"');
  });
});

describe("ReadinessHint layout", () => {
  it("keeps the dot beside the first line: a non-wrapping row of the dot and one text box that wraps inside", () => {
    const html = renderToStaticMarkup(<ReadinessHint preview={previews.blocked} operation="inventory.sync" />);
    const row = openingTag(html, "data-readiness=") ?? "";
    expect(row).toContain("flex");
    expect(row).not.toContain("flex-wrap");
    // Two children only: the dot, then everything readable in one box (the dot cannot be left alone on a line).
    const inner = /^<p[^>]*>([\s\S]*)<\/p>$/.exec(html)?.[1] ?? "";
    const dot = /^<span aria-hidden="true" data-readiness-dot=""[^>]*><\/span>/.exec(inner)?.[0];
    expect(dot).toBeDefined();
    const rest = inner.slice(dot?.length ?? 0);
    expect(rest.startsWith('<span class="min-w-0">')).toBe(true);
    expect(rest.endsWith("</span>")).toBe(true);
    expect(textOf(rest)).toBe(textOf(html));
  });
});
