import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { attempt, load, loadIfAllowed } from "../app/api/api-call.server";

const request = new Request("http://admin.test/admin/t/contoso/backups?cursor=abc");

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

/** `data(...)` thrown by a loader: Remix turns it into the error page's status. */
function asData(value: unknown) {
  return value as { type: string; data: unknown; init: { status?: number } | null };
}

/** A real schema failure (zod, as the API's input parsers raise it), nested one level deep. */
function zodFailure(): TRPCError {
  const result = StartResult.safeParse({ outcome: "deduped", run: { id: "not-a-uuid", operation: "inventory.sync", status: "queued", href: "/x" } });
  if (result.success) throw new Error("expected a zod failure");
  return new TRPCError({ code: "BAD_REQUEST", cause: result.error });
}

describe("load (page data)", () => {
  it("resolves with the API's answer", async () => {
    await expect(load(request, Promise.resolve({ ok: 1 }))).resolves.toEqual({ ok: 1 });
  });

  it("turns NOT_FOUND into a 404 page carrying the API's neutral message", async () => {
    const error = asData(await thrown(load(request, Promise.reject(new TRPCError({ code: "NOT_FOUND", message: "No such tenant." })))));
    expect(error.init?.status).toBe(404);
    expect(error.data).toEqual({ kind: "not_found", message: "No such tenant." });
  });

  it("turns FORBIDDEN into a 403 page, never into a 404 or a blocked start", async () => {
    const error = asData(await thrown(load(request, Promise.reject(new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." })))));
    expect(error.init?.status).toBe(403);
    expect(error.data).toEqual({ kind: "forbidden", message: "Your role does not allow this." });
  });

  it("sends a lost session to the login page, returning to the page it asked for", async () => {
    const response = (await thrown(load(request, Promise.reject(new TRPCError({ code: "UNAUTHORIZED" }))))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/admin/t/contoso/backups?cursor=abc")}`);
  });

  it("rethrows anything else unchanged (a 500)", async () => {
    const failure = new Error("database went away");
    await expect(thrown(load(request, Promise.reject(failure)))).resolves.toBe(failure);
    const internal = new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
    await expect(thrown(load(request, Promise.reject(internal)))).resolves.toBe(internal);
  });
});

describe("attempt (form writes)", () => {
  it("returns field messages keyed by the input path for input the schema refused", async () => {
    const result = await attempt(request, Promise.reject(zodFailure()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.message).toBe("Please correct the highlighted fields.");
    expect(Object.keys(result.problem.fieldErrors)).toEqual(["run.id"]);
  });

  it("returns field messages the API's data checks attached (InputRejection)", async () => {
    const cause = Object.assign(new Error("tenant.slug: is already in use"), { fieldErrors: { "tenant.slug": ["is already in use"] } });
    const result = await attempt(request, Promise.reject(new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause })));
    expect(result).toEqual({ ok: false, problem: { message: "Please correct the highlighted fields.", fieldErrors: { "tenant.slug": ["is already in use"] } } });
  });

  it("returns refused preconditions as a message for the form", async () => {
    const refused = new TRPCError({ code: "PRECONDITION_FAILED", message: "The connection check is still queued; start the first sync once it succeeded." });
    await expect(attempt(request, Promise.reject(refused))).resolves.toEqual({ ok: false, problem: { message: refused.message, fieldErrors: {} } });
  });

  it("still ends the request for NOT_FOUND and FORBIDDEN", async () => {
    expect(asData(await thrown(attempt(request, Promise.reject(new TRPCError({ code: "NOT_FOUND" }))))).init?.status).toBe(404);
    expect(asData(await thrown(attempt(request, Promise.reject(new TRPCError({ code: "FORBIDDEN" }))))).init?.status).toBe(403);
  });

  it("wraps success", async () => {
    await expect(attempt(request, Promise.resolve("done"))).resolves.toEqual({ ok: true, value: "done" });
  });
});

describe("loadIfAllowed", () => {
  it("answers null for FORBIDDEN so the page renders without the part the role may not use", async () => {
    await expect(loadIfAllowed(request, Promise.reject(new TRPCError({ code: "FORBIDDEN" })))).resolves.toBeNull();
  });

  it("still answers 404 for NOT_FOUND", async () => {
    expect(asData(await thrown(loadIfAllowed(request, Promise.reject(new TRPCError({ code: "NOT_FOUND" }))))).init?.status).toBe(404);
  });
});
