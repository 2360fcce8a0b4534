import type { Db } from "@tenantpilot/db";
import { isPolicyFamily, policyFamilies, RESTORE_PREVIEW_FRESH_FOR_MS } from "@tenantpilot/dispatch-gate/contract";

/** How current the tenant's inventory is for one policy family: the sync run that last covered it. */
export interface FamilyBasis {
  family: string;
  label: string;
  /** The inventory.sync run whose coverage (diagnostics.inventory.coverage) last included this family; null: never synced. */
  runId: string | null;
  syncedAt: Date | null;
  /** That sync listed only part of the family (its page cap). */
  truncated: boolean;
  /** Never synced, or longer ago than the freshness bound. */
  stale: boolean;
}

/** Inventory runs looked at: the family's latest coverage is among a tenant's recent syncs. */
const RECENT_SYNCS = 50;

/**
 * The latest coverage of each family, read in one statement from the tenant's recent inventory
 * syncs (what each run recorded as it finished a family: the same record the inventory page reads).
 */
export async function familyBasis(db: Db, tenantId: string, families: readonly string[], now: Date): Promise<FamilyBasis[]> {
  const rows = await db.$queryRaw<{ family: string; run_id: string; synced_at: Date; truncated: boolean | null }[]>`
    SELECT DISTINCT ON (c->>'policyType') c->>'policyType' AS family, r.id AS run_id, (c->>'syncedAt')::timestamptz AS synced_at,
           (c->>'truncated')::boolean AS truncated
      FROM (SELECT id, diagnostics FROM operation_runs
             WHERE tenant_id = ${tenantId}::uuid AND operation = 'inventory.sync'
             ORDER BY created_at DESC, id DESC LIMIT ${RECENT_SYNCS}) r,
           jsonb_array_elements(CASE WHEN jsonb_typeof(r.diagnostics->'inventory'->'coverage') = 'array'
                                     THEN r.diagnostics->'inventory'->'coverage' ELSE '[]'::jsonb END) c
     WHERE c->>'policyType' = ANY(${[...families]}::text[])
     ORDER BY c->>'policyType', (c->>'syncedAt')::timestamptz DESC`;
  return families.map((family) => {
    const row = rows.find((candidate) => candidate.family === family);
    return {
      family,
      label: isPolicyFamily(family) ? policyFamilies[family].label : family,
      runId: row?.run_id ?? null,
      syncedAt: row?.synced_at ?? null,
      truncated: row?.truncated ?? false,
      stale: row === undefined || now.getTime() - row.synced_at.getTime() > RESTORE_PREVIEW_FRESH_FOR_MS,
    };
  });
}
