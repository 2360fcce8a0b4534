import { listPolicies, policyTypeIds, policyTypes, type PolicySummary } from "@tenantpilot/provider-graph";
import type { CoveredPolicyType } from "@tenantpilot/dispatch-gate/contract";
import type { RunContext, WorkOutcome } from "../execution/run-context";

/**
 * Sync inventory: every policy of the three Intune families, upserted into inventory_items. After
 * each family the run's diagnostics.inventory.coverage says which families were synced and when,
 * so the inventory page can tell what is current even when a later family failed.
 */
export async function syncInventory(ctx: RunContext): Promise<WorkOutcome> {
  const coverage: CoveredPolicyType[] = [];
  let seen = 0;
  let changed = 0;
  for (const policyType of policyTypeIds) {
    ctx.checkpoint();
    const list = await listPolicies(ctx.graph, policyType);
    const changedHere = await upsertInventory(ctx, list.items);
    seen += list.items.length;
    changed += changedHere;
    coverage.push({
      policyType,
      label: policyTypes[policyType].label,
      items: list.items.length,
      changed: changedHere,
      truncated: list.truncated,
      syncedAt: new Date().toISOString(),
    });
    await ctx.progress({ seen, changed }, { inventory: { coverage } });
  }
  const truncated = coverage.filter((type) => type.truncated);
  return {
    status: truncated.length === 0 ? "succeeded" : "partially_succeeded",
    counts: { seen, changed, failed: 0 },
    ...(truncated.length === 0 ? {} : { detail: `Listing stopped at the page limit for: ${truncated.map((type) => type.label).join(", ")}.` }),
    diagnostics: { inventory: { coverage, complete: truncated.length === 0 } },
  };
}

/** Upserts one family's policies; answers how many were new or different from what was stored. */
async function upsertInventory(ctx: RunContext, policies: PolicySummary[]): Promise<number> {
  if (policies.length === 0) return 0;
  const incoming = JSON.stringify(
    policies.map((policy) => ({
      policy_type: policy.policyType,
      external_id: policy.id,
      display_name: policy.displayName,
      last_modified_at: policy.lastModifiedDateTime ?? null,
      payload: policy,
    })),
  );
  // All parts of one statement see the same snapshot, so `previous` is the state before the upsert;
  // a data-modifying WITH runs to completion whether or not the outer query reads it.
  const rows = await ctx.prisma.$queryRaw<{ changed: number }[]>`
    WITH incoming AS (
      SELECT * FROM jsonb_to_recordset(${incoming}::jsonb)
        AS x(policy_type text, external_id text, display_name text, last_modified_at timestamptz, payload jsonb)
    ), previous AS (
      SELECT i.policy_type, i.external_id, i.display_name, i.last_modified_at, i.payload
        FROM inventory_items i JOIN incoming USING (policy_type, external_id)
       WHERE i.tenant_id = ${ctx.tenant.id}::uuid
    ), upserted AS (
      INSERT INTO inventory_items (tenant_id, policy_type, external_id, display_name, last_modified_at, payload, last_seen_run_id, last_seen_at)
      SELECT ${ctx.tenant.id}::uuid, policy_type, external_id, display_name, last_modified_at, payload, ${ctx.run.id}::uuid, now()
        FROM incoming
      ON CONFLICT (tenant_id, policy_type, external_id) DO UPDATE
        SET display_name = EXCLUDED.display_name, last_modified_at = EXCLUDED.last_modified_at, payload = EXCLUDED.payload,
            last_seen_run_id = EXCLUDED.last_seen_run_id, last_seen_at = EXCLUDED.last_seen_at
      RETURNING 1
    )
    SELECT count(*) FILTER (
             WHERE p.external_id IS NULL
                OR p.display_name IS DISTINCT FROM n.display_name
                OR p.last_modified_at IS DISTINCT FROM n.last_modified_at
                OR p.payload IS DISTINCT FROM n.payload)::int AS changed
      FROM incoming n LEFT JOIN previous p USING (policy_type, external_id)`;
  return rows[0]?.changed ?? 0;
}
