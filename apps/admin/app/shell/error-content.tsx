import { isRouteErrorResponse, Link } from "@remix-run/react";
import { isPageErrorData } from "../api/page-error";
import { buttonClass } from "./page";
import { routes } from "@tenantpilot/dispatch-gate/contract";

interface ErrorView {
  status: number;
  title: string;
  message: string;
}

/**
 * What an error boundary shows. 404 is said the same way whether the thing does not exist or
 * belongs to someone else (the API's message is already neutral); 403 says the role is missing.
 * Unexpected errors never show their message: it may quote internals.
 */
export function errorView(error: unknown): ErrorView {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      const message = isPageErrorData(error.data) ? error.data.message : "There is nothing at this address.";
      return { status: 404, title: "Not found", message: `${message} It may not exist, or you may not have access to it.` };
    }
    if (error.status === 403) {
      const message = isPageErrorData(error.data) ? error.data.message : "Your role does not allow this.";
      return { status: 403, title: "Not allowed", message: `${message} Ask a workspace owner if you need this.` };
    }
    const message = isPageErrorData(error.data) ? error.data.message : null;
    if (error.status === 400) return { status: 400, title: "Bad request", message: message ?? "The request was not valid." };
    if (error.status === 429) return { status: 429, title: "Too many requests", message: message ?? "Too many requests. Try again in a minute." };
    if (error.status === 503) {
      return { status: 503, title: "Database unavailable", message: message ?? "The database is unavailable; try again shortly." };
    }
    return { status: error.status, title: error.statusText || "Request failed", message: "The request could not be completed." };
  }
  return { status: 500, title: "Something went wrong", message: "An unexpected error stopped this page. Try again in a moment." };
}

export function ErrorContent({ error }: { error: unknown }) {
  const view = errorView(error);
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-error-status={view.status}>
      <p className="text-sm font-semibold text-slate-500">{view.status}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">{view.title}</h1>
      <p className="mt-3 text-base text-slate-600">{view.message}</p>
      <div className="mt-8 flex justify-center gap-3">
        <Link to={routes.home()} className={buttonClass.primary}>
          Back to tenants
        </Link>
      </div>
    </div>
  );
}
