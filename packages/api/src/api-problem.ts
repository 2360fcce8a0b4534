// How a failed API call reads, for every caller: the formatter that answers HTTP clients, the admin
// app's in-process caller (which sees the TRPCError itself) and the ops CLI (which sees the formatted
// answer). Browser- and CLI-safe: no database, no server state (`@tenantpilot/api/problem`).

/** A failed call: its tRPC code, the message, what the input got wrong, and when to try again. */
export interface ApiProblem {
  /** NOT_FOUND, FORBIDDEN, BAD_REQUEST, TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE, … */
  code: string;
  message: string;
  /** BAD_REQUEST: messages per input field, keyed by dotted path ("target", "connection.clientId"). */
  fieldErrors: Record<string, string[]>;
  /** BAD_REQUEST: messages about the input as a whole. */
  formErrors: string[];
  /** TOO_MANY_REQUESTS and SERVICE_UNAVAILABLE: seconds to wait before trying again. */
  retryAfterSeconds: number | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const stringLists = (value: unknown): Record<string, string[]> =>
  isRecord(value) ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))) : {};

export interface FieldMessages {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

/**
 * The input's problems from a schema failure (zod's `issues`) or a data check (InputRejection's
 * `fieldErrors`); null for any other cause. Read by shape, like the errors themselves (below).
 */
export function fieldMessages(cause: unknown): FieldMessages | null {
  if (!isRecord(cause)) return null;
  if (isRecord(cause.fieldErrors)) return { fieldErrors: stringLists(cause.fieldErrors), formErrors: [] };
  if (!Array.isArray(cause.issues)) return null;
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of cause.issues as { path?: PropertyKey[]; message?: string }[]) {
    const message = issue.message ?? "is not valid";
    const path = (issue.path ?? []).map(String).join(".");
    if (path === "") formErrors.push(message);
    else (fieldErrors[path] ??= []).push(message);
  }
  return { fieldErrors, formErrors };
}

/** A RetryLater cause (throttling, an unavailable database): how long to wait. */
export function retryAfterOf(cause: unknown): number | null {
  return isRecord(cause) && typeof cause.retryAfterSeconds === "number" ? cause.retryAfterSeconds : null;
}

/** One line for all of an input's problems. */
export function summarizeInput({ fieldErrors, formErrors }: FieldMessages): string {
  const parts = [...formErrors, ...Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`)];
  return parts.length === 0 ? "Invalid input." : `Invalid input — ${parts.join("; ")}`;
}

/**
 * The problem of a failed call, or null when `error` is not an API error (a network failure, a bug).
 * Recognised by shape rather than `instanceof`: the admin app's server bundle has its own copy of this
 * module and of tRPC, and a second copy must not turn a 404 into a 500.
 */
export function readApiError(error: unknown): ApiProblem | null {
  if (!(error instanceof Error)) return null;
  if (error.name === "TRPCError") {
    // Thrown by the procedure itself (an in-process caller): what the formatter would send.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string") return null;
    const fields = code === "BAD_REQUEST" ? fieldMessages(error.cause) : null;
    return {
      code,
      message: fields ? summarizeInput(fields) : error.message,
      fieldErrors: fields?.fieldErrors ?? {},
      formErrors: fields?.formErrors ?? [],
      retryAfterSeconds: retryAfterOf(error.cause),
    };
  }
  // Received over HTTP (a tRPC client error): the formatter's data.
  const data = (error as { data?: unknown }).data;
  if (!isRecord(data) || typeof data.code !== "string") return null;
  return {
    code: data.code,
    message: error.message,
    fieldErrors: stringLists(data.fieldErrors),
    formErrors: Array.isArray(data.formErrors) ? data.formErrors.filter((line): line is string => typeof line === "string") : [],
    retryAfterSeconds: typeof data.retryAfterSeconds === "number" ? data.retryAfterSeconds : null,
  };
}
