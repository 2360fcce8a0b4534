import { describe, expect, it } from "vitest";
import { queryHref } from "../app/lists/query-href";

describe("queryHref", () => {
  it("keeps the given order and leaves empty values out", () => {
    expect(queryHref("/admin/operations", { tenant: "contoso", status: undefined, operation: "inventory.sync", cursor: "" })).toBe(
      "/admin/operations?tenant=contoso&operation=inventory.sync",
    );
  });

  it("answers the bare path when nothing is set", () => {
    expect(queryHref("/admin/operations", { tenant: undefined })).toBe("/admin/operations");
    expect(queryHref(".", { q: undefined })).toBe(".");
  });

  it("links this page by its query string alone, encoded", () => {
    expect(queryHref(".", { q: "a&b c", cursor: "x" })).toBe("?q=a%26b+c&cursor=x");
  });
});
