import type { TRPCDefaultErrorShape as DefaultErrorShape, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { InputRejection, RetryLater } from "./errors";

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
  const throttled = error.cause instanceof RetryLater ? error.cause : null;
  return {
    code: shape.code,
    message: fields ? summarize(fields) : internal ? "Something went wrong on our side." : shape.message,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      ...(shape.data.path === undefined ? {} : { path: shape.data.path }),
      fieldErrors: fields?.fieldErrors ?? null,
      formErrors: fields?.formErrors ?? null,
      retryAfterSeconds: throttled?.retryAfterSeconds ?? null,
    },
  };
}

/** The operator sentence of an API error, as the formatter words it (for surfaces that are not tRPC: the CSV exports). */
export function apiErrorMessage(error: TRPCError): string {
  const fields = error.code === "BAD_REQUEST" ? fieldMessages(error.cause) : null;
  if (fields) return summarize(fields);
  return error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side." : error.message;
}

interface FieldMessages {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

function fieldMessages(cause: unknown): FieldMessages | null {
  if (cause instanceof InputRejection) return { fieldErrors: cause.fieldErrors, formErrors: [] };
  if (!(cause instanceof ZodError)) return null;
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of cause.issues) {
    if (issue.path.length === 0) {
      formErrors.push(issue.message);
      continue;
    }
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}

function summarize({ fieldErrors, formErrors }: FieldMessages): string {
  const parts = [...formErrors, ...Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`)];
  return parts.length === 0 ? "Invalid input." : `Invalid input — ${parts.join("; ")}`;
}
