// The four public words, pinned literally as the specification names them. Every other test
// compares against the shared word table; this one would fail if the table itself changed.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describe as describeWords, PreviewResult, StartResult, startOutcomes } from "@tenantpilot/dispatch-gate/contract";
import { StartResultNotice } from "../src";
import { startResults } from "./fixtures";
import { textOf } from "./markup";

const specified = { accepted: "Queued", deduped: "Already running", scope_busy: "Scope busy", blocked: "Blocked" } as const;

function heading(result: StartResult): string {
  const html = renderToStaticMarkup(<StartResultNotice result={result} operation="inventory.sync" targetLabel="Contoso" />);
  return textOf(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? "");
}

describe("the public outcome words", () => {
  it("are exactly Queued, Already running, Scope busy and Blocked", () => {
    expect([...startOutcomes].sort()).toEqual(Object.keys(specified).sort());
    for (const outcome of startOutcomes) {
      expect(describeWords({ outcome })).toBe(specified[outcome]);
      expect(heading(startResults[outcome])).toBe(specified[outcome]);
    }
  });

  it("show nothing else as an outcome: a start can only answer one of the four", () => {
    const shown = new Set(startOutcomes.map((outcome) => heading(startResults[outcome])));
    expect(shown).toEqual(new Set(["Queued", "Already running", "Scope busy", "Blocked"]));
    for (const other of ["ready", "failed", "error", "queued", "running"]) {
      expect(StartResult.safeParse({ ...startResults.accepted, outcome: other }).success, other).toBe(false);
    }
    // A preview reads "Ready" before the click; after the click the same start is "Queued".
    expect(describeWords({ preview: "ready" })).toBe("Ready");
    expect(PreviewResult.options.map((option) => option.shape.outcome.value).sort()).toEqual(["blocked", "deduped", "ready", "scope_busy"]);
    for (const outcome of ["deduped", "scope_busy", "blocked"] as const) {
      expect(describeWords({ preview: outcome })).toBe(specified[outcome]);
    }
  });
});
