import { describe, expect, it } from "vitest";
import { routes, sectionOf } from "@tenantpilot/dispatch-gate/contract";
import { activityListInput, activitySearch, ACTIVITY_PAGE_SIZE } from "../app/activity/activity-search";
import { runListInput, runsSearch } from "../app/runs/run-filters";
import { runStatusChips } from "../app/runs/run-status-chips";

const counts = { queued: 1, running: 2, succeeded: 5, partially_succeeded: 0, failed: 3, cancelled: 0, total: 11 };

describe("the operations list's status chips", () => {
  it("offer all, active and each status that has runs, with their counts, keeping the other filters and dropping the page", () => {
    const search = runsSearch.parse(new URLSearchParams("tenant=contoso&from=2026-11-01&to=2026-11-30&cursor=abc"));
    const chips = runStatusChips(search, counts);
    expect(chips.map(({ label, count, current }) => [label, count, current])).toEqual([
      ["All", 11, true],
      ["Active", 3, false],
      ["Queued", 1, false],
      ["Running", 2, false],
      ["Succeeded", 5, false],
      ["Failed", 3, false],
    ]);
    expect(chips.find((chip) => chip.label === "Failed")?.href).toBe("/admin/operations?tenant=contoso&status=failed&from=2026-11-01&to=2026-11-30");
    expect(chips[0]?.href).toBe("/admin/operations?tenant=contoso&from=2026-11-01&to=2026-11-30");
  });

  it("mark the applied status, and keep its chip when nothing has it any more", () => {
    const chips = runStatusChips(runsSearch.parse(new URLSearchParams("status=cancelled")), counts);
    expect(chips.filter((chip) => chip.current).map((chip) => chip.label)).toEqual(["Cancelled"]);
    expect(chips.find((chip) => chip.label === "Cancelled")?.count).toBe(0);
    expect(chips.some((chip) => chip.label === "Partially succeeded")).toBe(false);
  });
});

describe("the operations list's date range", () => {
  it("reads whole days (UTC, both inclusive) and ignores what is not a day", () => {
    const search = runsSearch.parse(new URLSearchParams("from=2026-11-01&to=2026-11-30"));
    expect(runListInput(search)).toMatchObject({ from: new Date("2026-11-01T00:00:00.000Z"), to: new Date("2026-11-30T23:59:59.999Z") });
    expect(runsSearch.parse(new URLSearchParams("from=yesterday&to=2026-02-31"))).toEqual({});
  });

  it("exports the list under the same filters, without the page position", () => {
    const search = runsSearch.parse(new URLSearchParams("status=active&from=2026-11-01&cursor=abc"));
    expect(routes.operationsCsv(runsSearch.next(search))).toBe("/export/operations.csv?status=active&from=2026-11-01");
  });
});

describe("the workspace activity's filters", () => {
  const actor = "8a1e4c52-3b7e-4d7c-9a55-0d6c1f0b9e21";

  it("read tenant, actor (a member or the system), a catalogued action and a date range", () => {
    const search = activitySearch.parse(new URLSearchParams(`workspace=northwind&tenant=contoso&actor=${actor}&action=operation.accepted&from=2026-11-01&to=2026-11-02&cursor=c1`));
    expect(activityListInput(search, "northwind")).toEqual({
      workspace: "northwind",
      tenant: "contoso",
      actor,
      action: "operation.accepted",
      from: new Date("2026-11-01T00:00:00.000Z"),
      to: new Date("2026-11-02T23:59:59.999Z"),
      cursor: "c1",
      limit: ACTIVITY_PAGE_SIZE,
    });
    expect(activitySearch.parse(new URLSearchParams("actor=system")).actor).toBe("system");
  });

  it("ignore an actor that is neither, an action the catalogue does not know and a day that is not one", () => {
    expect(activitySearch.parse(new URLSearchParams("actor=robert'); DROP TABLE&action=everything.deleted&from=soon"))).toEqual({});
  });

  it("start again from the newest entries when a filter changes, and export with the same filters", () => {
    const search = activitySearch.parse(new URLSearchParams("tenant=contoso&cursor=c1"));
    expect(routes.activity(activitySearch.next(search, { action: "connection.disabled" }))).toBe("/admin/activity?tenant=contoso&action=connection.disabled");
    expect(routes.activityCsv(activitySearch.next(search, { workspace: "northwind" }))).toBe("/export/activity.csv?workspace=northwind&tenant=contoso");
  });
});

describe("navigation", () => {
  it("marks the activity page as its own section, and the runs and batches as monitoring's", () => {
    expect(sectionOf(routes.activity({ action: "connection.updated" }))).toBe("activity");
    expect(sectionOf(routes.operations({ status: "failed" }))).toBe("operations");
    expect(sectionOf(routes.batches())).toBe("operations");
  });
});
