import { describe, expect, it } from "vitest";
import { errorView } from "../app/shell/error-content";

/** What Remix hands an error boundary for a thrown 4xx (the shape isRouteErrorResponse recognises). */
function errorResponse(status: number, statusText: string, data: unknown) {
  return { status, statusText, internal: false, data };
}

describe("error pages", () => {
  it("404 says the same whether the thing is missing or someone else's", () => {
    const view = errorView(errorResponse(404, "Not Found", { kind: "not_found", message: "No such run." }));
    expect(view).toEqual({ status: 404, title: "Not found", message: "No such run. It may not exist, or you may not have access to it." });
  });

  it("403 names the missing role", () => {
    const view = errorView(errorResponse(403, "Forbidden", { kind: "forbidden", message: "Your role does not allow this (needs onboarding.manage)." }));
    expect(view.status).toBe(403);
    expect(view.message).toContain("needs onboarding.manage");
  });

  it("an unexpected error never shows its message", () => {
    const view = errorView(new Error('relation "tenants" does not exist'));
    expect(view.status).toBe(500);
    expect(view.message).not.toContain("tenants");
  });
});
