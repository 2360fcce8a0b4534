import { formText } from "../api/form-field";
import { randomUUID } from "node:crypto";
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { isUuid, routes } from "@tenantpilot/dispatch-gate/contract";
import { attempt, load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import { batchRowFilter, batchSearch } from "./batch-search";

/**
 * A batch with a page of its rows. The retry form's idempotency key is made with the page, so a
 * double click on "Retry what can run now" makes one new batch.
 */
export async function batchData(request: Request, context: AppLoadContext, batchId: string) {
  // A malformed id in the URL is the 404 a missing or foreign one gets, not the API's field error.
  if (!isUuid(batchId)) throw notFound("No such batch.");
  const search = batchSearch.parse(new URL(request.url).searchParams);
  const call = context.api.batches.detail({ batchId, ...batchRowFilter(search) });
  // Only a page position can be stale (back to the first page); a foreign batch id is the API's 404 page.
  if (!batchSearch.paged(search)) return { search, detail: await load(request, call), retryKey: randomUUID() };
  const [detail] = pagesOrFirstPage([await attempt(request, call)], { paged: true, firstPage: routes.batch(batchId, batchSearch.next(search)) });
  return { search, detail, retryKey: randomUUID() };
}

/**
 * "Retry what can run now": a new batch of this batch's failed or blocked rows that are ready now,
 * then its page; when none is ready, the API's sentence for the page to show.
 */
export async function retryBatchFromForm(request: Request, context: AppLoadContext, batchId: string): Promise<{ problem: string }> {
  if (!isUuid(batchId)) throw notFound("No such batch.");
  const form = await request.formData();
  const idempotencyKey = formText(form, "idempotencyKey");
  if (idempotencyKey === "") throw data("The retry form is incomplete: reload the page.", { status: 400 });
  const retried = await attempt(request, context.api.batches.retry({ batchId, idempotencyKey }));
  if (!retried.ok) return { problem: retried.problem.message };
  throw redirect(routes.batch(retried.value.batch.id));
}
