import { data } from "@remix-run/node";
import type { PageErrorData } from "./page-error";

/** The 404 a malformed id gets: the same page a foreign or missing id gets from the API. */
export function notFound(message: string) {
  return data<PageErrorData>({ kind: "not_found", message }, { status: 404 });
}
