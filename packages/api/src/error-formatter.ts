import type { TRPCDefaultErrorShape as DefaultErrorShape, TRPCError } from "@trpc/server";
import { fieldMessages, retryAfterOf, summarizeInput } from "./api-problem";

export interface ApiErrorData {
  code: DefaultErrorShape["data"]["code"];
  httpStatus: number;
  path?: string;
  /** BAD_REQUEST from input validation: messages per field, keyed by dotted path ("target", "connection.clientId"). */
  fieldErrors: Record<string, string[]> | null;
  /** Messages about the input as a whole. */
  formErrors: string[] | null;
  /** TOO_MANY_REQUESTS and SERVICE_UNAVAILABLE: seconds to wait before trying again (also the Retry-After header). */
  retryAfterSeconds: number | null;
}

export interface ApiErrorShape {
  message: string;
  code: DefaultErrorShape["code"];
  data: ApiErrorData;
}

/**
 * The one error formatter. Schema failures become BAD_REQUEST with field messages; throttling
 * and an unavailable database say when to try again; unexpected errors never leak their message
 * (it may quote SQL or a stack); stacks are never sent.
 */
export function formatApiError({ shape, error }: { shape: DefaultErrorShape; error: TRPCError }): ApiErrorShape {
  const fields = error.code === "BAD_REQUEST" ? fieldMessages(error.cause) : null;
  const internal = error.code === "INTERNAL_SERVER_ERROR";
  return {
    code: shape.code,
    message: fields ? summarizeInput(fields) : internal ? "Something went wrong on our side." : shape.message,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      ...(shape.data.path === undefined ? {} : { path: shape.data.path }),
      fieldErrors: fields?.fieldErrors ?? null,
      formErrors: fields?.formErrors ?? null,
      retryAfterSeconds: retryAfterOf(error.cause),
    },
  };
}

/** The operator sentence of an API error, as the formatter words it (for surfaces that are not tRPC: the CSV exports). */
export function apiErrorMessage(error: TRPCError): string {
  const fields = error.code === "BAD_REQUEST" ? fieldMessages(error.cause) : null;
  if (fields) return summarizeInput(fields);
  return error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side." : error.message;
}
