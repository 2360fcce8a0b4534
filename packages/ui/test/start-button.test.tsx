import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { reasonCatalog } from "@tenantpilot/dispatch-gate/contract";
import { StartButton } from "../src";
import { expectedNextStepHref, previews } from "./fixtures";
import { linksIn, openingTag, textOf } from "./markup";

function buttonOf(html: string) {
  const tag = openingTag(html, "<button") ?? "";
  const label = textOf(/<button[^>]*>([\s\S]*?)<\/button>/.exec(html)?.[1] ?? "");
  return { tag, label, disabled: / disabled=""/.test(tag) };
}

describe("StartButton", () => {
  it("carries the catalogue's label and is enabled when ready", () => {
    const html = renderToStaticMarkup(<StartButton operation="inventory.sync" preview={previews.ready} pending={false} />);
    expect(buttonOf(html)).toMatchObject({ label: "Sync inventory", disabled: false });
  });

  it("is disabled when the preview is blocked and still explains why, wired with aria-describedby", () => {
    const html = renderToStaticMarkup(<StartButton operation="inventory.sync" preview={previews.blocked} pending={false} />);
    const button = buttonOf(html);
    expect(button.disabled).toBe(true);
    expect(textOf(html)).toContain(`Blocked: ${reasonCatalog.provider_consent_missing.sentence}`);
    expect(linksIn(html).map((l) => l.href)).toEqual([expectedNextStepHref]);
    const describedBy = /aria-describedby="([^"]+)"/.exec(button.tag)?.[1];
    expect(describedBy).toBeDefined();
    expect(html).toContain(`id="${describedBy}"`);
  });

  it("stays enabled for deduped and scope_busy: the gate answers those with a link, not a refusal", () => {
    for (const preview of [previews.deduped, previews.scope_busy]) {
      const html = renderToStaticMarkup(<StartButton operation="backup.capture" preview={preview} pending={false} />);
      expect(buttonOf(html).disabled).toBe(false);
    }
  });

  it("shows Starting… and is disabled and busy while the start is pending", () => {
    const html = renderToStaticMarkup(<StartButton operation="backup.capture" preview={previews.ready} pending />);
    const button = buttonOf(html);
    expect(button).toMatchObject({ label: "Starting…", disabled: true });
    expect(button.tag).toContain('aria-busy="true"');
  });

  it("without a preview yet: just the button, no hint", () => {
    const html = renderToStaticMarkup(<StartButton operation="directory.sync" preview={undefined} pending={false} />);
    expect(buttonOf(html)).toMatchObject({ label: "Sync directory", disabled: false });
    expect(html).not.toContain("aria-describedby");
    expect(html).not.toContain("data-readiness");
  });

  it("adds the target to the accessible name when one is given", () => {
    const html = renderToStaticMarkup(
      <StartButton operation="restore.execute" preview={previews.ready} pending={false} targetLabel="Monday's backup" />,
    );
    expect(buttonOf(html).label).toBe("Restore backup for Monday's backup");
  });
});
