import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readApiError } from "../src/api-problem";
import { formatApiError } from "../src/error-formatter";
import { rateLimited, rejectInput } from "../src/errors";

/** What an HTTP client receives for `error`: the formatter's answer, as tRPC's client error carries it. */
function overHttp(error: TRPCError): Error {
  const shape = formatApiError({
    shape: { code: -32600, message: error.message, data: { code: error.code, httpStatus: 400, path: "x" } },
    error,
  });
  return Object.assign(new Error(shape.message), { name: "TRPCClientError", data: shape.data });
}

function schemaFailure(): TRPCError {
  const parsed = z.object({ tenant: z.string().min(1), connection: z.object({ clientId: z.guid() }) }).safeParse({ tenant: "", connection: { clientId: "x" } });
  if (parsed.success) throw new Error("expected a schema failure");
  return new TRPCError({ code: "BAD_REQUEST", cause: parsed.error });
}

describe("readApiError: one reading for the admin app (in-process) and the CLI (over HTTP)", () => {
  it.each([
    ["a schema failure", schemaFailure()],
    ["a data check", rejectInput("slug", "is already used by another tenant")],
    ["a not-found", new TRPCError({ code: "NOT_FOUND", message: "No such tenant." })],
    ["throttling", rateLimited(7)],
  ])("reads %s the same either way", (_, error) => {
    const inProcess = readApiError(error);
    expect(inProcess).not.toBeNull();
    expect(readApiError(overHttp(error))).toEqual(inProcess);
  });

  it("names the fields and when to try again", () => {
    expect(readApiError(schemaFailure())).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { tenant: [expect.any(String)], "connection.clientId": [expect.any(String)] },
      formErrors: [],
      retryAfterSeconds: null,
    });
    expect(readApiError(rateLimited(7))).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 7 });
  });

  it("is null for what is not an API error (a network failure, a bug)", () => {
    expect(readApiError(new TypeError("fetch failed"))).toBeNull();
    expect(readApiError("boom")).toBeNull();
    expect(readApiError(Object.assign(new Error("x"), { data: { httpStatus: 500 } }))).toBeNull();
  });
});
