import { TRPCError } from "@trpc/server";
import { getParseFn, type AnyProcedure } from "@trpc/server/unstable-core-do-not-import";
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
 * Why a subscription's input is refused, checked before its stream opens (null: it is not). The
 * same rules, in the same order, as the procedure applies them: the text rule of every input
 * (publicProcedure), then the procedure's own schemas (its parsers, so no rule is written twice).
 * Over SSE, tRPC answers status 200 and puts a refusal in the stream's first event; the HTTP layer
 * uses this to answer bad input with a 400 like any other call. Authorization still runs in the
 * procedure. `decode` reads the raw input (its failure is a PARSE_ERROR, 400). Returns the error shape the
 * formatter gives, ready to send.
 */
export async function subscriptionInputRefusal(path: string, decode: () => unknown): Promise<HttpRefusal | null> {
  const procedure = procedures[path];
  if (procedure === undefined) return null;
  let input: unknown;
  let error: TRPCError | null = null;
  try {
    input = decode();
  } catch (cause) {
    error = new TRPCError({ code: "PARSE_ERROR", message: "The input is not superjson-encoded JSON.", ...(cause instanceof Error ? { cause } : {}) });
  }
  error ??= await refusal(procedure, input);
  if (error === null) return null;
  return httpRefusal(error, { type: "subscription", path, input });
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
