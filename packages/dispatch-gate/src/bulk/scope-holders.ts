import type { Db } from "@tenantpilot/db";
import type { ActiveRunFacts } from "../preflight-context";

/**
 * The runs the lost admissions of a bulk start lost to, in one statement — what admit_operation_run_group
 * reads for a single start that lost (migration 20261202900000): the scope's active run, or, when it
 * finished meanwhile, the scope's latest run, which held it while the admission waited.
 */
export async function readScopeHolders(db: Db, lost: readonly { tenantId: string; scopeKey: string }[]): Promise<Map<string, ActiveRunFacts>> {
  if (lost.length === 0) return new Map();
  const rows = await db.$queryRaw<{ tenant_id: string; id: string; operation: string; status: string; target_kind: string; target_id: string }[]>`
    SELECT q.tenant_id, h.id, h.operation, h.status, h.target_kind, h.target_id
      FROM jsonb_to_recordset(${JSON.stringify(lost.map((entry) => ({ tenant_id: entry.tenantId, scope_key: entry.scopeKey })))}::jsonb)
           AS q(tenant_id uuid, scope_key text)
      CROSS JOIN LATERAL (
            SELECT o.id, o.operation, o.status, o.target_kind, o.target_id
              FROM operation_runs o
             WHERE o.tenant_id = q.tenant_id AND o.scope_key = q.scope_key
             ORDER BY (o.status IN ('queued', 'running')) DESC, o.created_at DESC, o.id DESC
             LIMIT 1
      ) h`;
  return new Map(
    rows.map((row) => [row.tenant_id, { id: row.id, operation: row.operation, status: row.status, targetKind: row.target_kind, targetId: row.target_id }]),
  );
}
