import type { Db } from "@tenantpilot/db";
import { previewStart } from "@tenantpilot/dispatch-gate";
import {
  describe,
  isPolicyFamily,
  policyFamilies,
  RESTORE_PREVIEW_FRESH_FOR_MS,
  type PreviewResult,
  type RestoreAction,
} from "@tenantpilot/dispatch-gate/contract";
import { familyBasis, type FamilyBasis } from "./inventory-basis";

interface ItemRow {
  backup_item_id: string | null;
  policy_type: string;
  external_id: string;
  backup_name: string | null;
  backup_modified_at: string | null;
  backup_version: string | null;
  current_name: string | null;
  current_modified_at: Date | null;
  current_version: string | null;
  current_seen_run_id: string | null;
}

export interface RestorePolicy {
  /** null for a tenant policy the backup does not hold (left alone, not selectable). */
  backupItemId: string | null;
  family: string;
  familyLabel: string;
  externalId: string;
  displayName: string;
  action: RestoreAction;
  actionWords: string;
  /** Whether the operator may pick it (backup items only). */
  selectable: boolean;
  /** What the confirm step starts with: what would be created or overwritten, or is unknown. */
  selectedByDefault: boolean;
  backup: { lastModifiedAt: string | null; version: string | null } | null;
  current: { displayName: string; lastModifiedAt: Date | null; version: string | null } | null;
}

/**
 * A restore's preview (ADR 025), one read for the confirm step: for every policy of the backup set,
 * what the restore would do to it — judged against the tenant as its latest inventory sync saw it
 * (Microsoft's lastModifiedDateTime and version) — plus the tenant's policies the backup does not
 * hold (left alone); how current that inventory is per policy family, with what the gate would
 * answer a fresh sync now; what it would answer the restore; and the confirmation it needs.
 * A constant number of statements whatever the set's size.
 */
export async function restorePreview(db: Db, backupSetId: string, now: Date = new Date()) {
  const set = await db.backupSet.findUniqueOrThrow({
    where: { id: backupSetId },
    select: { id: true, name: true, status: true, itemCount: true, createdAt: true, completedAt: true, tenant: { select: { id: true, slug: true, displayName: true } } },
  });
  const setFamilies = await db.backupItem.findMany({ where: { backupSetId }, distinct: ["policyType"], select: { policyType: true } });
  const basis = await familyBasis(db, set.tenant.id, setFamilies.map((row) => row.policyType), now);
  const syncedRuns = JSON.stringify(Object.fromEntries(basis.filter((family) => family.runId !== null).map((family) => [family.family, family.runId])));
  const system = { kind: "system" } as const;
  const [rows, restore, freshSync] = await Promise.all([
    // The backup's items against the tenant's inventory, and the inventory's policies (of the set's
    // families, seen at the family's latest sync) that the backup does not hold.
    db.$queryRaw<ItemRow[]>`
      WITH synced AS (SELECT key AS policy_type, value::uuid AS run_id FROM jsonb_each_text(${syncedRuns}::jsonb))
      SELECT b.id AS backup_item_id, b.policy_type, b.external_id, b.display_name AS backup_name,
             b.payload->>'lastModifiedDateTime' AS backup_modified_at, b.payload->>'version' AS backup_version,
             i.display_name AS current_name, i.last_modified_at AS current_modified_at, i.payload->>'version' AS current_version,
             i.last_seen_run_id AS current_seen_run_id
        FROM backup_items b
        LEFT JOIN inventory_items i ON i.tenant_id = b.tenant_id AND i.policy_type = b.policy_type AND i.external_id = b.external_id
       WHERE b.backup_set_id = ${backupSetId}::uuid
      UNION ALL
      SELECT NULL, i.policy_type, i.external_id, NULL, NULL, NULL, i.display_name, i.last_modified_at, i.payload->>'version', i.last_seen_run_id
        FROM inventory_items i JOIN synced s ON s.policy_type = i.policy_type AND s.run_id = i.last_seen_run_id
       WHERE i.tenant_id = ${set.tenant.id}::uuid
         AND NOT EXISTS (SELECT 1 FROM backup_items b WHERE b.backup_set_id = ${backupSetId}::uuid AND b.policy_type = i.policy_type AND b.external_id = i.external_id)
       ORDER BY 2, 4, 7, 3`,
    previewStart(db, { tenantId: set.tenant.id, operation: "restore.execute", target: { kind: "backup_set", id: set.id }, initiator: system }),
    previewStart(db, { tenantId: set.tenant.id, operation: "inventory.sync", initiator: system }),
  ]);
  const policies = rows.map((row) => policyOf(row, basis));
  const counts = Object.fromEntries((["create", "overwrite", "unchanged", "left_alone", "unknown"] as const).map((action) => [action, policies.filter((policy) => policy.action === action).length])) as Record<
    RestoreAction,
    number
  >;
  return {
    backupSet: { id: set.id, name: set.name, status: set.status, itemCount: set.itemCount, createdAt: set.createdAt, completedAt: set.completedAt },
    tenant: set.tenant,
    /** A restore writes to the customer's tenant: the start needs the tenant's short name typed (ADR 011). */
    confirmation: { required: true, tenantSlug: set.tenant.slug },
    restore: restore satisfies PreviewResult,
    basis: {
      families: basis,
      /** Some family's inventory is older than the freshness bound (or was never synced): offer freshSync. */
      stale: basis.some((family) => family.stale),
      freshSync: freshSync satisfies PreviewResult,
      freshForMs: RESTORE_PREVIEW_FRESH_FOR_MS,
    },
    counts: { ...counts, selectedByDefault: policies.filter((policy) => policy.selectedByDefault).length },
    policies,
  };
}
export type RestorePreview = Awaited<ReturnType<typeof restorePreview>>;

function policyOf(row: ItemRow, basis: readonly FamilyBasis[]): RestorePolicy {
  const family = basis.find((entry) => entry.family === row.policy_type);
  const inBackup = row.backup_item_id !== null;
  // In the tenant at its family's latest sync: seen by that very run.
  const present = family?.runId !== null && family?.runId !== undefined && row.current_seen_run_id === family.runId;
  const action = actionOf(inBackup, family?.runId ?? null, present, row);
  return {
    backupItemId: row.backup_item_id,
    family: row.policy_type,
    familyLabel: isPolicyFamily(row.policy_type) ? policyFamilies[row.policy_type].label : row.policy_type,
    externalId: row.external_id,
    displayName: row.backup_name ?? row.current_name ?? row.external_id,
    action,
    actionWords: describe({ restoreAction: action }),
    selectable: inBackup,
    selectedByDefault: action === "create" || action === "overwrite" || action === "unknown",
    backup: inBackup ? { lastModifiedAt: row.backup_modified_at, version: row.backup_version } : null,
    current: present && row.current_name !== null ? { displayName: row.current_name, lastModifiedAt: row.current_modified_at, version: row.current_version } : null,
  };
}

function actionOf(inBackup: boolean, syncRunId: string | null, present: boolean, row: ItemRow): RestoreAction {
  if (!inBackup) return "left_alone";
  if (syncRunId === null) return "unknown";
  if (!present) return "create";
  return modifiedSinceBackup(row) ? "overwrite" : "unchanged";
}

/** Microsoft moved the policy's lastModifiedDateTime (or version) on since the backup took it, or it was renamed. */
function modifiedSinceBackup(row: ItemRow): boolean {
  if (row.current_name !== null && row.backup_name !== null && row.current_name !== row.backup_name) return true;
  const backupAt = row.backup_modified_at === null ? null : new Date(row.backup_modified_at);
  if (backupAt === null || Number.isNaN(backupAt.getTime()) || row.current_modified_at === null) return true;
  if (row.current_modified_at.getTime() !== backupAt.getTime()) return true;
  return row.backup_version !== null && row.current_version !== null && row.backup_version !== row.current_version;
}

