// How routes call `context.api`: errors the API raises before the gate (NOT_FOUND, FORBIDDEN,
// UNAUTHORIZED) become the 404 page, the 403 page and the login redirect; input the API rejects
// becomes a form problem an action returns and the page shows beside its fields, or — for what a
// page loads — the 400 page naming the field. Throttling is the 429 page and an unreachable
// database the 503 page, both with Retry-After.
import { data, redirect } from "@remix-run/node";
import { readApiError, type ApiProblem } from "@tenantpilot/api/problem";
import { loginHref } from "./login-href";
import type { FormProblem, PageErrorData } from "./page-error";

/** The response a page throws for an API error; anything else is rethrown as it is (a 500). */
function pageError(request: Request, error: unknown): unknown {
  const problem = readApiError(error);
  if (problem === null) return error;
  switch (problem.code) {
    case "UNAUTHORIZED":
      return redirect(loginHref(request));
    case "NOT_FOUND":
      return data<PageErrorData>({ kind: "not_found", message: problem.message }, { status: 404 });
    case "FORBIDDEN":
      return data<PageErrorData>({ kind: "forbidden", message: problem.message }, { status: 403 });
    case "BAD_REQUEST": {
      const fields = Object.entries(problem.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`);
      return data<PageErrorData>({ kind: "bad_request", message: fields.length > 0 ? fields.join("; ") : formProblem(problem).message }, { status: 400 });
    }
    case "TOO_MANY_REQUESTS":
      return data<PageErrorData>({ kind: "rate_limited", message: problem.message }, { status: 429, headers: retryAfter(problem) });
    case "SERVICE_UNAVAILABLE":
      return data<PageErrorData>({ kind: "unavailable", message: problem.message }, { status: 503, headers: retryAfter(problem) });
    default:
      return error;
  }
}

function retryAfter(problem: ApiProblem): Record<string, string> {
  return { "Retry-After": String(problem.retryAfterSeconds ?? 5) };
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
    const problem = readApiError(error);
    if (problem === null) throw error;
    if (problem.code === "BAD_REQUEST") return { ok: false, problem: formProblem(problem) };
    if (problem.code === "PRECONDITION_FAILED" || problem.code === "CONFLICT") {
      return { ok: false, problem: { message: problem.message, fieldErrors: {} } };
    }
    throw pageError(request, error);
  }
}

/** An input problem as a form shows it: a message above the form, the rest beside the fields. */
function formProblem(problem: ApiProblem): FormProblem {
  const message = problem.formErrors[0] ?? (Object.keys(problem.fieldErrors).length > 0 ? "Please correct the highlighted fields." : problem.message);
  return { message, fieldErrors: problem.fieldErrors };
}

/**
 * Data a page shows only to roles that may use it (a consent link, a start preview): null when
 * the API answers FORBIDDEN, so the page renders without it instead of becoming the 403 page.
 */
export async function loadIfAllowed<T>(request: Request, call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (readApiError(error)?.code === "FORBIDDEN") return null;
    throw pageError(request, error);
  }
}
