// How routes call `context.api`: errors the API raises before the gate (NOT_FOUND, FORBIDDEN,
// UNAUTHORIZED) become the 404 page, the 403 page and the login redirect; input the API rejects
// becomes a form problem an action returns and the page shows beside its fields, or — for what a
// page loads — the 400 page naming the field. Throttling is the 429 page and an unreachable
// database the 503 page, both with Retry-After.
import { data, redirect } from "@remix-run/node";
import { loginHref } from "./login-href";
import type { FormProblem, PageErrorData } from "./page-error";

/**
 * A TRPCError thrown by the server-side caller. Recognised by shape rather than `instanceof`, so a
 * second copy of @trpc/server in the bundle cannot turn a 404 into a 500.
 */
interface ApiError {
  code: string;
  message: string;
  cause?: unknown;
}

function apiErrorOf(error: unknown): ApiError | null {
  if (!(error instanceof Error) || error.name !== "TRPCError") return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? { code, message: error.message, cause: error.cause } : null;
}

/** The response a page throws for an API error; anything else is rethrown as it is (a 500). */
function pageError(request: Request, error: unknown): unknown {
  const api = apiErrorOf(error);
  if (api === null) return error;
  switch (api.code) {
    case "UNAUTHORIZED":
      return redirect(loginHref(request));
    case "NOT_FOUND":
      return data<PageErrorData>({ kind: "not_found", message: api.message }, { status: 404 });
    case "FORBIDDEN":
      return data<PageErrorData>({ kind: "forbidden", message: api.message }, { status: 403 });
    case "BAD_REQUEST": {
      const problem = inputProblem(api);
      const fields = Object.entries(problem.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`);
      return data<PageErrorData>({ kind: "bad_request", message: fields.length > 0 ? fields.join("; ") : problem.message }, { status: 400 });
    }
    case "TOO_MANY_REQUESTS":
      return data<PageErrorData>({ kind: "rate_limited", message: api.message }, { status: 429, headers: retryAfter(api) });
    case "SERVICE_UNAVAILABLE":
      return data<PageErrorData>({ kind: "unavailable", message: api.message }, { status: 503, headers: retryAfter(api) });
    default:
      return error;
  }
}

function retryAfter(api: ApiError): Record<string, string> {
  const seconds = (api.cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return { "Retry-After": String(typeof seconds === "number" ? seconds : 5) };
}

/** Data for a page: resolves, or throws the 404/403 page or the login redirect. */
export async function load<T>(request: Request, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw pageError(request, error);
  }
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; problem: FormProblem };

/**
 * A write from a form: rejected input and refused preconditions come back as a value for the
 * form to show; not-found, forbidden and unexpected errors still end the request.
 */
export async function attempt<T>(request: Request, call: Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    const api = apiErrorOf(error);
    if (api === null) throw error;
    if (api.code === "BAD_REQUEST") return { ok: false, problem: inputProblem(api) };
    if (api.code === "PRECONDITION_FAILED" || api.code === "CONFLICT") {
      return { ok: false, problem: { message: api.message, fieldErrors: {} } };
    }
    throw pageError(request, error);
  }
}

/** Field messages from the API's input validation (zod issues) or its data checks (InputRejection). */
function inputProblem(api: ApiError): FormProblem {
  const cause = api.cause as { issues?: unknown; fieldErrors?: unknown } | undefined;
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  if (cause && Array.isArray(cause.issues)) {
    for (const issue of cause.issues as { path?: PropertyKey[]; message?: string }[]) {
      const message = issue.message ?? "is not valid";
      const path = (issue.path ?? []).map(String).join(".");
      if (path === "") formErrors.push(message);
      else (fieldErrors[path] ??= []).push(message);
    }
  } else if (cause && typeof cause.fieldErrors === "object" && cause.fieldErrors !== null) {
    Object.assign(fieldErrors, cause.fieldErrors as Record<string, string[]>);
  }
  const message = formErrors[0] ?? (Object.keys(fieldErrors).length > 0 ? "Please correct the highlighted fields." : api.message);
  return { message, fieldErrors };
}

/**
 * Data a page shows only to roles that may use it (a consent link, a start preview): null when
 * the API answers FORBIDDEN, so the page renders without it instead of becoming the 403 page.
 */
export async function loadIfAllowed<T>(request: Request, call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (apiErrorOf(error)?.code === "FORBIDDEN") return null;
    throw pageError(request, error);
  }
}
