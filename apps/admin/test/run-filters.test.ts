import { describe, expect, it } from "vitest";
import { runFiltersFrom, runListHref, runListInput, RUNS_PAGE_SIZE } from "../app/runs/run-filters";

describe("run list filters", () => {
  it("reads tenant, status, operation and cursor from the URL", () => {
    const filters = runFiltersFrom(new URLSearchParams("tenant=contoso&status=failed&operation=inventory.sync&cursor=abc"));
    expect(filters).toEqual({ tenant: "contoso", status: "failed", operation: "inventory.sync", cursor: "abc" });
    expect(runListInput(filters)).toEqual({ tenant: "contoso", status: ["failed"], operation: "inventory.sync", cursor: "abc", limit: RUNS_PAGE_SIZE });
  });

  it("ignores values that are not statuses or operations instead of failing the page", () => {
    expect(runFiltersFrom(new URLSearchParams("status=exploded&operation=format.disk"))).toEqual({});
  });

  it("'active' means queued or running", () => {
    expect(runListInput(runFiltersFrom(new URLSearchParams("status=active"))).status).toEqual(["queued", "running"]);
  });

  it("keeps the tenant filter when a filter changes, and starts again from the newest page", () => {
    const filters = runFiltersFrom(new URLSearchParams("tenant=contoso&cursor=abc"));
    expect(runListHref(filters, { status: "running" })).toBe("/admin/operations?tenant=contoso&status=running");
    expect(runListHref(filters, { cursor: "next" })).toBe("/admin/operations?tenant=contoso&cursor=next");
    expect(runListHref({})).toBe("/admin/operations");
  });
});
