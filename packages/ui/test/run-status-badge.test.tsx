import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describe as describeWords, runStatuses, type RunStatus } from "@tenantpilot/dispatch-gate/contract";
import { RunStatusBadge } from "../src";
import { textOf } from "./markup";

const expectedWords: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  partially_succeeded: "Partially succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

describe("RunStatusBadge", () => {
  it("says every status in human words, not only in colour", () => {
    for (const status of runStatuses) {
      const html = renderToStaticMarkup(<RunStatusBadge status={status} />);
      expect(textOf(html)).toBe(expectedWords[status]);
      expect(html).toContain(`data-status="${status}"`);
    }
    expect(Object.fromEntries(runStatuses.map((status) => [status, describeWords({ runStatus: status })]))).toEqual(expectedWords);
  });

  it("gives each status its own colour", () => {
    const classes = runStatuses.map((status) => /class="([^"]*)"/.exec(renderToStaticMarkup(<RunStatusBadge status={status} />))?.[1]);
    expect(new Set(classes).size).toBe(runStatuses.length);
  });
});
