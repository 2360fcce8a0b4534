import { TRPCError } from "@trpc/server";
import { getParseFn, type AnyProcedure, type ProcedureCallOptions } from "@trpc/server/unstable-core-do-not-import";
import type { Context } from "./context";
import { rejectInput } from "./errors";
import { httpRefusal, type HttpRefusal } from "./http-refusal";
import { findTextProblem } from "./input-text";
import { appRouter } from "./root";

// tRPC keeps every procedure by its dotted path here ("operations.watch"), whatever the nesting of routers.
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure | undefined>;

export function isSubscription(path: string): boolean {
  return procedures[path]?._def.type === "subscription";
}

/**
 * Why a subscription is refused, checked before its stream opens (null: it is not). The same rules,
 * in the same order, as the procedure applies them: the text rule of every input (publicProcedure),
 * the procedure's own schemas (its parsers, so no rule is written twice), then its authorization
 * (its own middlewares, run by calling it). Over SSE, tRPC answers status 200 and puts a refusal in
 * the stream's first event; the HTTP layer uses this to answer bad input with a 400 and a run,
 * batch or credential that is not the caller's with the 404 or 401 any other call gets. `decode`
 * reads the raw input (its failure is a PARSE_ERROR, 400); `context` builds the caller's context.
 * Returns the error shape the formatter gives, ready to send.
 */
export async function subscriptionRefusal(path: string, decode: () => unknown, context: () => Promise<Context>): Promise<HttpRefusal | null> {
  const procedure = procedures[path];
  if (procedure === undefined) return null;
  let input: unknown;
  let error: TRPCError | null = null;
  try {
    input = decode();
  } catch (cause) {
    error = new TRPCError({ code: "PARSE_ERROR", message: "The input is not superjson-encoded JSON.", ...(cause instanceof Error ? { cause } : {}) });
  }
  error ??= (await refusal(procedure, input)) ?? (await accessRefusal(procedure, path, input, context));
  if (error === null) return null;
  return httpRefusal(error, { type: "subscription", path, input });
}

/** Refusals of access a stream would only report in its first event; anything else is left to the stream. */
const accessCodes: ReadonlySet<TRPCError["code"]> = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

/**
 * Calls the procedure once without reading its stream: its middlewares (credential, resolution of
 * the runs or batch, capability) run, and the async generator it returns has not started, so it
 * follows nothing and is closed at once.
 */
async function accessRefusal(procedure: AnyProcedure, path: string, input: unknown, context: () => Promise<Context>): Promise<TRPCError | null> {
  const call = procedure as unknown as (options: ProcedureCallOptions<Context>) => Promise<unknown>;
  try {
    const stream = await call({ path, type: "subscription", ctx: await context(), getRawInput: () => Promise.resolve(input), signal: undefined, batchIndex: 0 });
    if (isAsyncIterable(stream)) await stream[Symbol.asyncIterator]().return?.(undefined);
    return null;
  } catch (cause) {
    return cause instanceof TRPCError && accessCodes.has(cause.code) ? cause : null;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

async function refusal(procedure: AnyProcedure, input: unknown): Promise<TRPCError | null> {
  const problem = findTextProblem(input);
  if (problem) return rejectInput(problem.field === "" ? "input" : problem.field, problem.message);
  for (const parser of procedure._def.inputs) {
    try {
      await getParseFn(parser)(input);
    } catch (cause) {
      return new TRPCError({ code: "BAD_REQUEST", ...(cause instanceof Error ? { cause } : {}) });
    }
  }
  return null;
}
