import { describe, expect, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { runListInput, runsSearch, RUNS_PAGE_SIZE } from "../app/runs/run-filters";

describe("run list filters", () => {
  it("reads tenant, status, operation and cursor from the URL", () => {
    const search = runsSearch.parse(new URLSearchParams("tenant=contoso&status=failed&operation=inventory.sync&cursor=abc"));
    expect(search).toEqual({ tenant: "contoso", status: "failed", operation: "inventory.sync", cursor: "abc" });
    expect(runListInput(search)).toEqual({ tenant: "contoso", status: ["failed"], operation: "inventory.sync", cursor: "abc", limit: RUNS_PAGE_SIZE });
  });

  it("ignores values that are not statuses or operations instead of failing the page", () => {
    expect(runsSearch.parse(new URLSearchParams("status=exploded&operation=format.disk"))).toEqual({});
  });

  it("'active' means queued or running", () => {
    expect(runListInput(runsSearch.parse(new URLSearchParams("status=active"))).status).toEqual(["queued", "running"]);
  });

  it("keeps the tenant filter when a filter changes, and starts again from the newest page", () => {
    const search = runsSearch.parse(new URLSearchParams("tenant=contoso&cursor=abc"));
    expect(routes.operations(runsSearch.next(search, { status: "running" }))).toBe("/admin/operations?tenant=contoso&status=running");
    expect(routes.operations(runsSearch.next(search, { cursor: "next" }))).toBe("/admin/operations?tenant=contoso&cursor=next");
    expect(routes.operations()).toBe("/admin/operations");
  });
});
