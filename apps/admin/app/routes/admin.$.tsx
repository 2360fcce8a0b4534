import { data } from "@remix-run/node";
import type { PageErrorData } from "../api/page-error";

/** Unknown addresses under /admin answer 404 inside the shell. */
export function loader() {
  throw data<PageErrorData>({ kind: "not_found", message: "There is no such page." }, { status: 404 });
}

export default function NoSuchPage() {
  return null;
}
