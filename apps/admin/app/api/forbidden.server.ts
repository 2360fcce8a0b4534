import { data } from "@remix-run/node";
import type { PageErrorData } from "./page-error";

/** The 403 page for a page whose every use needs a capability the viewer's role lacks (the API would answer the same). */
export function forbidden(message: string) {
  return data<PageErrorData>({ kind: "forbidden", message }, { status: 403 });
}
