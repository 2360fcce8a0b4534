import { formText } from "../api/form-field";
import { randomUUID } from "node:crypto";
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { describePreviewRollup, routes, TenantSelection, type PreviewRollup } from "@tenantpilot/dispatch-gate/contract";
import { attempt } from "../api/api-call.server";
import { homeFilter, homeSearch } from "../tenants/home-search";
import { bulkChoiceValue, readBulkChoice } from "./bulk-operation";
import { operationWords } from "../tenants/home-rows";

/** What the home shows after "Preview": the rollup in words, and the confirm form's fields. */
export interface BulkPreviewReply {
  kind: "bulk_preview";
  title: string;
  line: string;
  rollup: PreviewRollup;
  fields: { operation: string; selection: string; idempotencyKey: string };
}

export interface BulkProblemReply {
  kind: "bulk_problem";
  message: string;
}

/**
 * The tenants a bulk form names: the checked rows, or — "all matching this filter" — the list's own
 * filter, read from the page's URL so that it is exactly what the list shows.
 */
function selectionOf(request: Request, form: FormData): TenantSelection | null {
  if (form.get("all") === "1") return { kind: "filter", filter: homeFilter(homeSearch.parse(new URL(request.url).searchParams)) };
  const tenants = form.getAll("tenant").filter((value): value is string => typeof value === "string" && value !== "");
  return tenants.length === 0 ? null : { kind: "tenants", tenants };
}

/**
 * "Preview": what the start would answer per tenant, as a rollup. The idempotency key is made now,
 * with the preview, and rides in the confirm form: a double submit of the confirmation makes one batch.
 */
export async function previewBulk(request: Request, context: AppLoadContext, workspace: string, form: FormData): Promise<BulkPreviewReply | BulkProblemReply> {
  const what = readBulkChoice(form.get("operation"));
  if (what === null) return { kind: "bulk_problem", message: "Choose an operation." };
  const selection = selectionOf(request, form);
  if (selection === null) return { kind: "bulk_problem", message: "Select tenants, or all tenants matching this filter." };
  const preview = await attempt(request, context.api.operations.previewMany({ workspace, ...what, selection }));
  if (!preview.ok) return { kind: "bulk_problem", message: preview.problem.message };
  const { rollup } = preview.value;
  return {
    kind: "bulk_preview",
    title: `${operationWords(what)} on ${rollup.total} ${rollup.total === 1 ? "tenant" : "tenants"}`,
    line: describePreviewRollup(rollup),
    rollup,
    fields: { operation: bulkChoiceValue(what), selection: JSON.stringify(selection), idempotencyKey: randomUUID() },
  };
}

/** "Confirm": the batch, then its page. The same key answers the first batch again. */
export async function confirmBulk(request: Request, context: AppLoadContext, workspace: string, form: FormData): Promise<never> {
  const what = readBulkChoice(form.get("operation"));
  const selection = TenantSelection.safeParse(parseJson(form.get("selection")));
  const idempotencyKey = formText(form, "idempotencyKey");
  if (what === null || !selection.success || idempotencyKey === "") throw data("The confirmation is incomplete: preview again.", { status: 400 });
  const started = await attempt(request, context.api.operations.startMany({ workspace, ...what, selection: selection.data, idempotencyKey }));
  if (!started.ok) throw data(started.problem.message, { status: 400 });
  throw redirect(routes.batch(started.value.batch.id));
}

function parseJson(value: FormDataEntryValue | null): unknown {
  try {
    return typeof value === "string" ? (JSON.parse(value) as unknown) : null;
  } catch {
    return null;
  }
}
