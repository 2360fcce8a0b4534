import { isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { reasonCatalog } from "@tenantpilot/dispatch-gate/contract";
import { StartButton, type StartButtonProps } from "../src";
import { expectedNextStepHref, previews } from "./fixtures";
import { linksIn, openingTag, textOf } from "./markup";

function buttonOf(html: string) {
  const tag = openingTag(html, "<button") ?? "";
  const label = textOf(/<button[^>]*>([\s\S]*?)<\/button>/.exec(html)?.[1] ?? "");
  return { tag, label, disabled: / disabled=""/.test(tag) };
}

/**
 * No DOM is installed: render StartButton inside a probe (so its hooks run in a render), keep the
 * element tree it returns and call the button's onClick the way React would on a click.
 */
function clickButtonOf(props: StartButtonProps) {
  let tree: ReactNode = null;
  function Probe() {
    tree = StartButton(props);
    return tree;
  }
  renderToStaticMarkup(<Probe />);
  const button = findElement(tree, "button");
  expect(button).toBeDefined();
  const onClick = (button?.props as { onClick?: () => void } | undefined)?.onClick;
  onClick?.();
}

function findElement(node: ReactNode, type: string): ReactElement | undefined {
  if (!isValidElement(node)) return Array.isArray(node) ? node.map((child) => findElement(child as ReactNode, type)).find(Boolean) : undefined;
  if (node.type === type) return node;
  return findElement((node.props as { children?: ReactNode }).children, type);
}

describe("StartButton", () => {
  it("carries the catalogue's label and is enabled when ready", () => {
    const html = renderToStaticMarkup(<StartButton operation="inventory.sync" preview={previews.ready} pending={false} />);
    expect(buttonOf(html)).toMatchObject({ label: "Sync inventory", disabled: false });
  });

  it("stays enabled when the preview is blocked (the gate answers the click), explains why, wired with aria-describedby", () => {
    const html = renderToStaticMarkup(<StartButton operation="inventory.sync" preview={previews.blocked} pending={false} />);
    const button = buttonOf(html);
    expect(button).toMatchObject({ label: "Sync inventory", disabled: false });
    expect(button.tag).toContain('name="operation"');
    expect(button.tag).toContain('value="inventory.sync"');
    expect(textOf(html)).toContain(`Blocked: ${reasonCatalog.provider_consent_missing.sentence}`);
    expect(linksIn(html).map((l) => l.href)).toEqual([expectedNextStepHref]);
    const describedBy = /aria-describedby="([^"]+)"/.exec(button.tag)?.[1];
    expect(describedBy).toBeDefined();
    expect(openingTag(html, `id="${describedBy}"`)).toContain('data-readiness="blocked"');
  });

  it("looks secondary when blocked and primary otherwise, so blocked is visible before the click", () => {
    const blocked = buttonOf(renderToStaticMarkup(<StartButton operation="inventory.sync" preview={previews.blocked} pending={false} />));
    const ready = buttonOf(renderToStaticMarkup(<StartButton operation="inventory.sync" preview={previews.ready} pending={false} />));
    expect(blocked.tag).toContain('data-blocked="true"');
    expect(blocked.tag).toContain("bg-white");
    expect(blocked.tag).not.toContain("bg-slate-900");
    expect(ready.tag).not.toContain("data-blocked");
    expect(ready.tag).toContain("bg-slate-900");
  });

  it("is disabled while a blocked start is pending, and keeps its hint", () => {
    const html = renderToStaticMarkup(<StartButton operation="inventory.sync" preview={previews.blocked} pending />);
    const button = buttonOf(html);
    expect(button).toMatchObject({ label: "Starting…", disabled: true });
    expect(button.tag).toContain("aria-describedby=");
    expect(html).toContain('data-readiness="blocked"');
  });

  it("calls onStart when clicked while blocked, and not while pending", () => {
    const calls: string[] = [];
    clickButtonOf({ operation: "inventory.sync", preview: previews.blocked, pending: false, onStart: () => calls.push("blocked") });
    clickButtonOf({ operation: "inventory.sync", preview: previews.ready, pending: true, onStart: () => calls.push("pending") });
    expect(calls).toEqual(["blocked"]);
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
