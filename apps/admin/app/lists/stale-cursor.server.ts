import { redirect } from "@remix-run/node";
import type { Attempt } from "../api/api-call.server";

type Values<T extends readonly Attempt<unknown>[]> = { [K in keyof T]: T[K] extends Attempt<infer V> ? V : never };

/**
 * The pages a list loader read. When the API refused one — which, since the kit cuts filters to the
 * API's limits, means a cursor it did not hand out (an edited or very old link) — the visitor is
 * sent to `firstPage` instead of an error page. A refusal without a cursor is the page's own bug.
 */
export function pagesOrFirstPage<const T extends readonly Attempt<unknown>[]>(reads: T, options: { paged: boolean; firstPage: string }): Values<T> {
  const refused = reads.flatMap((read) => (read.ok ? [] : [read.problem.message]));
  if (refused.length === 0) return reads.map((read) => (read.ok ? read.value : undefined)) as Values<T>;
  if (options.paged) throw redirect(options.firstPage);
  throw new Error(`The list could not be read: ${refused.join("; ")}`);
}
