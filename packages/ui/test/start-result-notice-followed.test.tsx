// A notice that follows its run (operations.watch, ADR 028): the heading moves with the run for an
// accepted start, and "already running"/"scope busy" become "now free — start again" once the
// holder has ended. A progress report about any other run changes nothing.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  describe as words,
  holderFinishedWords,
  outcomeWords,
  runStatuses,
  runStatusWords,
  terminalRunStatuses,
  type RunProgress,
  type RunStatus,
  type StartResult,
} from "@tenantpilot/dispatch-gate/contract";
import { StartResultNotice } from "../src";
import { captureRunId, startResults, syncRunId } from "./fixtures";
import { linksIn, openingTag, textOf } from "./markup";

const counts = { seen: 12, changed: 3, failed: 1 };
const progress = (status: RunStatus, runId = syncRunId): RunProgress => ({ runId, status, counts });

function render(result: StartResult, followed: RunProgress | undefined) {
  const html = renderToStaticMarkup(<StartResultNotice result={result} operation="backup.capture" targetLabel="Contoso" followed={followed} />);
  return { html, heading: textOf(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? ""), text: textOf(html) };
}

describe("StartResultNotice following its run", () => {
  it("accepted: heads with the run's status and says its counts, the run link stays", () => {
    for (const status of runStatuses) {
      const { html, heading, text } = render(startResults.accepted, progress(status));
      expect(heading).toBe(runStatusWords[status]);
      expect(text).toContain(words({ runProgress: { status, counts } }));
      expect(openingTag(html, "data-outcome")).toContain(`data-run-status="${status}"`);
      expect(linksIn(html).map((link) => link.href)).toEqual([`/admin/operations/${syncRunId}`]);
    }
  });

  it("deduped and scope busy: unchanged while the holder is active, “now free — start again” once it ended", () => {
    for (const outcome of ["deduped", "scope_busy"] as const) {
      expect(render(startResults[outcome], progress("running")).heading).toBe(outcomeWords[outcome]);
      for (const status of terminalRunStatuses) {
        const { html, heading, text } = render(startResults[outcome], progress(status));
        expect(heading).toBe(holderFinishedWords);
        expect(text).toContain(runStatusWords[status]);
        expect(openingTag(html, "data-outcome")).toContain("data-holder-ended");
      }
    }
  });

  it("ignores progress of another run than the one the answer names", () => {
    for (const outcome of ["accepted", "deduped", "scope_busy"] as const) {
      const { html, heading } = render(startResults[outcome], progress("succeeded", captureRunId));
      expect(heading).toBe(outcomeWords[outcome]);
      expect(openingTag(html, "data-outcome")).not.toContain("data-run-status");
    }
  });
});
