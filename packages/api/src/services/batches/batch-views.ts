import { Prisma, type Db } from "@tenantpilot/db";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { batchCounts, batchItemColumns, batchItemResult, type BatchItemRow } from "@tenantpilot/dispatch-gate";
import {
  routes,
  batchStatusOf,
  batchTitle,
  isOperationId,
  type BatchCounts,
  type RunStatus,
  type StartOutcome,
} from "@tenantpilot/dispatch-gate/contract";
import { encodeCursor, type Cursor } from "../page-cursor";

interface BatchRow {
  id: string;
  operation: string;
  report_kind: string | null;
  initiator_kind: string;
  initiator_user_id: string | null;
  initiator_name: string | null;
  schedule_id: string | null;
  created_at: Date;
}

/** Batches of the workspace that touch a tenant the viewer sees (or that the viewer started), newest first. */
export async function listBatches(db: Db, workspaceId: string, viewerUserId: string, page: { cursor: Cursor | null; limit: number }) {
  const after = page.cursor === null ? Prisma.sql`true` : Prisma.sql`(b.created_at, b.id) < (${page.cursor.createdAt}, ${page.cursor.id}::uuid)`;
  const rows = await db.$queryRaw<BatchRow[]>`
    SELECT b.id, b.operation, b.report_kind, b.initiator_kind, b.initiator_user_id, u.display_name AS initiator_name,
           b.schedule_id, b.created_at
      FROM batches b
      LEFT JOIN users u ON u.id = b.initiator_user_id
     WHERE b.workspace_id = ${workspaceId}::uuid AND ${after}
       AND (b.initiator_user_id = ${viewerUserId}::uuid OR EXISTS (
             SELECT 1 FROM batch_entries i JOIN tenants t ON t.id = i.tenant_id WHERE i.batch_id = b.id AND ${tenantVisibleTo(viewerUserId)}))
     ORDER BY b.created_at DESC, b.id DESC
     LIMIT ${page.limit + 1}`;
  const shown = rows.slice(0, page.limit);
  const counts = await batchCounts(db, shown.map((row) => row.id), tenantVisibleTo(viewerUserId));
  const last = shown[shown.length - 1];
  return {
    items: shown.map((row) => batchHeader(row, counts.get(row.id))),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

export async function batchHeaderOf(db: Db, batchId: string, viewerUserId: string) {
  const rows = await db.$queryRaw<BatchRow[]>`
    SELECT b.id, b.operation, b.report_kind, b.initiator_kind, b.initiator_user_id, u.display_name AS initiator_name,
           b.schedule_id, b.created_at
      FROM batches b LEFT JOIN users u ON u.id = b.initiator_user_id WHERE b.id = ${batchId}::uuid`;
  const row = rows[0];
  if (!row) throw new Error(`batch ${batchId} vanished`);
  const counts = await batchCounts(db, [batchId], tenantVisibleTo(viewerUserId));
  return batchHeader(row, counts.get(batchId));
}

function batchHeader(row: BatchRow, counts: BatchCounts | undefined) {
  if (!isOperationId(row.operation) || !counts) throw new Error(`batch ${row.id} is not readable`);
  return {
    id: row.id,
    href: routes.batch(row.id),
    operation: row.operation,
    reportKind: row.report_kind,
    title: batchTitle(row.operation, counts.total),
    initiator: { kind: row.initiator_kind, userId: row.initiator_user_id, name: row.initiator_name },
    scheduleId: row.schedule_id,
    createdAt: row.created_at,
    status: batchStatusOf(counts),
    counts,
  };
}

export interface BatchItemFilters {
  outcome?: StartOutcome;
  reason?: string;
  runStatus?: RunStatus;
  cursor: string | null;
  limit: number;
}

interface ItemRow extends BatchItemRow {
  tenant_id: string;
  slug: string;
  display_name: string;
}

/**
 * A keyset page of a batch's rows (by tenant id, the row key) that the viewer may see, filterable by
 * outcome, reason and the live status of the row's run. Each row is its StartResult, its run as it
 * is now.
 */
export async function batchItems(db: Db, batchId: string, viewerUserId: string, filters: BatchItemFilters) {
  const conditions = [
    Prisma.sql`i.batch_id = ${batchId}::uuid`,
    tenantVisibleTo(viewerUserId),
    ...(filters.outcome ? [Prisma.sql`i.outcome = ${filters.outcome}`] : []),
    ...(filters.reason ? [Prisma.sql`i.reason_code = ${filters.reason}`] : []),
    ...(filters.runStatus ? [Prisma.sql`r.status = ${filters.runStatus} AND i.outcome IN ('accepted', 'deduped')`] : []),
    // On both sides of the join: PostgreSQL does not carry an inequality across `t.id = i.tenant_id`,
    // and a merge join would otherwise walk the tenants' key from its start on every page.
    ...(filters.cursor ? [Prisma.sql`i.tenant_id > ${filters.cursor}::uuid AND t.id > ${filters.cursor}::uuid`] : []),
  ];
  const rows = await db.$queryRaw<ItemRow[]>`
    SELECT i.tenant_id, t.slug, t.display_name, ${batchItemColumns}
      FROM batch_entries i
      JOIN tenants t ON t.id = i.tenant_id
      LEFT JOIN operation_runs r ON r.id = i.run_id
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY i.tenant_id
     LIMIT ${filters.limit + 1}`;
  const shown = rows.slice(0, filters.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((row) => ({
      tenant: { id: row.tenant_id, slug: row.slug, displayName: row.display_name },
      result: batchItemResult(row),
    })),
    nextCursor: rows.length > filters.limit && last ? last.tenant_id : null,
  };
}

/** Rows of a batch worth retrying: blocked or busy, or whose run did not succeed. */
export async function retryCandidates(db: Db, batchId: string, viewerUserId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ tenant_id: string }[]>`
    SELECT i.tenant_id FROM batch_entries i
      JOIN tenants t ON t.id = i.tenant_id
      LEFT JOIN operation_runs r ON r.id = i.run_id
     WHERE i.batch_id = ${batchId}::uuid AND ${tenantVisibleTo(viewerUserId)}
       AND (i.outcome IN ('blocked', 'scope_busy')
            OR (i.outcome IN ('accepted', 'deduped') AND r.status IN ('failed', 'cancelled', 'partially_succeeded')))`;
  return rows.map((row) => row.tenant_id);
}

