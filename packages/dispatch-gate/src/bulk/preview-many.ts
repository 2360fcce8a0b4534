import type { Db } from "@tenantpilot/db";
import { previewOutcomes, rollupOf, type BulkOperation, type BulkPreviewResult, type BulkTenant, type PreviewResult } from "../contract";
import { decideStart } from "../decision";
import type { StartInput } from "../preflight-context";
import { loadPreflightContexts } from "./contexts";
import { bulkStartInputs } from "./bulk-inputs";

/** What previewStart answers, for each input, from contexts loaded in one statement (null: tenant gone). */
export async function previewAll(db: Db, inputs: readonly StartInput[]): Promise<(PreviewResult | null)[]> {
  const contexts = await loadPreflightContexts(db, inputs);
  return contexts.map((ctx) => {
    if (ctx === null) return null;
    const decision = decideStart(ctx);
    return decision.kind === "ready" ? { outcome: "ready", connection: decision.connection } : decision.result;
  });
}

export interface PreviewManyInput extends BulkOperation {
  tenants: readonly BulkTenant[];
  initiator: StartInput["initiator"];
}

/**
 * previewStart for N tenants in a constant number of statements (one; two for connection.check),
 * with the same decision (decideStart) over the same context: no writes, not even audit rows.
 */
export async function previewMany(db: Db, input: PreviewManyInput): Promise<BulkPreviewResult> {
  const inputs = await bulkStartInputs(db, input.tenants.map((tenant) => tenant.id), input, input.initiator);
  const results = await previewAll(db, inputs);
  const items: BulkPreviewResult["items"] = [];
  input.tenants.forEach((tenant, index) => {
    const result = results[index];
    if (result) items.push({ tenant, result });
  });
  return { operation: input.operation, items, rollup: rollupOf(previewOutcomes, items.map((item) => item.result)) };
}
