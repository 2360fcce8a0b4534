import type { Db } from "@tenantpilot/db";
import type { OperationId, RestoreSelection } from "./contract";
import type { PreflightContext } from "./preflight-context";

/**
 * A start named a selection its target does not have (a policy that is not in the backup set), or
 * the operation acts on its whole target. Not an outcome: the request itself is wrong, so the API
 * answers it as bad input on `selection`, and nothing is admitted or audited.
 */
export class SelectionRejected extends Error {
  constructor(
    readonly operation: OperationId,
    readonly problem: "not_selectable" | "not_in_target",
    readonly unknownIds: readonly string[] = [],
  ) {
    super(
      problem === "not_selectable"
        ? `${operation} acts on its whole target; it takes no selection`
        : `${unknownIds.length} selected item(s) are not in the target of ${operation}`,
    );
    this.name = "SelectionRejected";
  }
}

/**
 * Checks a start's selection against its target, read in one statement: every id must be an item
 * of the target backup set of this tenant. When the target itself is missing the start answers
 * Blocked (target_not_found) instead, as it would without a selection.
 */
export async function checkSelection(db: Db, ctx: PreflightContext, selection: RestoreSelection): Promise<RestoreSelection> {
  if (ctx.operation.selects !== "backup_items") throw new SelectionRejected(ctx.operation.id, "not_selectable");
  const ids = [...new Set(selection.backupItemIds.map((id) => id.toLowerCase()))];
  if (ctx.target?.kind !== "backup_set" || !ctx.target.found) return { backupItemIds: ids };
  const found = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM backup_items
     WHERE backup_set_id = ${ctx.target.id}::uuid AND tenant_id = ${ctx.tenant.id}::uuid AND id = ANY(${ids}::uuid[])`;
  const known = new Set(found.map((row) => row.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new SelectionRejected(ctx.operation.id, "not_in_target", unknown);
  return { backupItemIds: ids };
}
