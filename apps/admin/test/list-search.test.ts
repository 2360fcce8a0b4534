import { describe, expect, it } from "vitest";
import { listSearch, manyOf, manyText, oneOf, pageCursor, text } from "../app/lists/list-search";

// A tenants list as the workspace home will have it: search, one status, several tags, a page.
interface TenantsSearch {
  q?: string;
  status?: "active" | "onboarding" | "archived";
  readiness?: ("ready" | "blocked")[];
  tag?: string[];
  cursor?: string;
}

const tenantsSearch = listSearch<TenantsSearch>(
  {
    q: text({ max: 10 }),
    status: oneOf(["active", "onboarding", "archived"]),
    readiness: manyOf(["ready", "blocked"]),
    tag: manyText({ max: 20, most: 3 }),
    cursor: pageCursor(),
  },
  { pages: ["cursor"] },
);

describe("list search", () => {
  it("reads each parameter its own way: trimmed and cut text, known values, repeated values once", () => {
    const params = new URLSearchParams("q=%20contoso%20ltd%20long&status=active&readiness=blocked&readiness=nope&readiness=blocked&tag=EU&tag=%20&tag=Gold&tag=EU&cursor=c1");
    expect(tenantsSearch.parse(params)).toEqual({ q: "contoso lt", status: "active", readiness: ["blocked"], tag: ["EU", "Gold"], cursor: "c1" });
  });

  it("reads what it does not accept as absent, never as an error", () => {
    expect(tenantsSearch.parse(new URLSearchParams("status=deleted&q=%20%20&readiness=nope&cursor="))).toEqual({});
  });

  it("keeps at most `most` free-text values", () => {
    expect(tenantsSearch.parse(new URLSearchParams("tag=a&tag=b&tag=c&tag=d")).tag).toEqual(["a", "b", "c"]);
  });

  it("starts again from the first page when a filter changes, and moves on when the page is given", () => {
    const current = tenantsSearch.parse(new URLSearchParams("q=con&tag=EU&cursor=c1"));
    expect(tenantsSearch.next(current, { status: "archived" })).toEqual({ q: "con", tag: ["EU"], status: "archived" });
    expect(tenantsSearch.next(current, { cursor: "c2" })).toEqual({ q: "con", tag: ["EU"], cursor: "c2" });
    expect(tenantsSearch.next(current, { tag: undefined })).toEqual({ q: "con" });
    expect(tenantsSearch.next(current)).toEqual({ q: "con", tag: ["EU"] });
  });

  it("tells a filtered list from an empty one, and a later page from the first", () => {
    expect(tenantsSearch.filtered({})).toBe(false);
    expect(tenantsSearch.filtered({ cursor: "c1" })).toBe(false);
    expect(tenantsSearch.filtered({ tag: ["EU"] })).toBe(true);
    expect(tenantsSearch.paged({ cursor: "c1" })).toBe(true);
    expect(tenantsSearch.paged({ q: "x" })).toBe(false);
  });
});
