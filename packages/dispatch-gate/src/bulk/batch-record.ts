import type { Db } from "@tenantpilot/db";
import {
  routes,
  rollupOf,
  runInitiatorOf,
  startOutcomes,
  type BulkStartResult,
  type StartResult,
  type BulkTenant,
  type OperationId,
  type ReportKind,
  type TenantSelection,
} from "../contract";
import type { StartInput } from "../preflight-context";
import { batchItemColumns, batchItemResult, type BatchItemRow } from "./batch-item-result";

export interface NewBatch {
  workspaceId: string;
  operation: OperationId;
  targetKind: string;
  reportKind?: ReportKind;
  selection: TenantSelection;
  initiator: StartInput["initiator"];
  scheduleId?: string;
  idempotencyKey: string;
  tenantCount: number;
}

/**
 * Claims the idempotency key: inserts the batch, or — when this key (per workspace and initiator)
 * already started one — answers null. A concurrent claim of the same key waits on the unique index
 * until the first transaction ends, so it never sees a half-written batch: the batch row, its items
 * and its runs commit together.
 */
export async function claimBatch(db: Db, batch: NewBatch): Promise<{ id: string } | null> {
  // Like a run, a batch belongs to the user (also when a token started it); the token is kept beside.
  const initiator = runInitiatorOf(batch.initiator);
  const userId = initiator.kind === "user" ? initiator.userId : null;
  const tokenId = batch.initiator.kind === "token" ? batch.initiator.tokenId : null;
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO batches (workspace_id, operation, target_kind, report_kind, selection, initiator_kind, initiator_user_id,
                         initiator_token_id, schedule_id, idempotency_key, tenant_count)
    VALUES (${batch.workspaceId}::uuid, ${batch.operation}, ${batch.targetKind}, ${batch.reportKind ?? null},
            ${JSON.stringify(batch.selection)}::jsonb, ${initiator.kind}, ${userId}::uuid, ${tokenId}::uuid,
            ${batch.scheduleId ?? null}::uuid, ${batch.idempotencyKey}, ${batch.tenantCount}::int)
    ON CONFLICT (workspace_id, initiator_user_id, idempotency_key) DO NOTHING
    RETURNING id`;
  return rows[0] ?? null;
}

/** The batch an idempotency key already started (claimBatch answered null). */
export async function batchByKey(db: Db, workspaceId: string, initiator: StartInput["initiator"], key: string): Promise<string> {
  const owner = runInitiatorOf(initiator);
  const userId = owner.kind === "user" ? owner.userId : null;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM batches
     WHERE workspace_id = ${workspaceId}::uuid AND initiator_user_id IS NOT DISTINCT FROM ${userId}::uuid
       AND idempotency_key = ${key}`;
  const row = rows[0];
  if (!row) throw new Error(`batch with idempotency key ${key} vanished`);
  return row.id;
}

/** A row batch_items stores: an accepted tenant's row is its run (batch_entries, ADR 036). */
export interface BatchItemRecord {
  tenantId: string;
  result: Exclude<StartResult, { outcome: "accepted" }>;
}

/** The answers of the tenants not admitted, in one statement (the answer itself only for blocked rows: batch-item-result.ts). */
export async function recordBatchItems(db: Db, batchId: string, items: readonly BatchItemRecord[]): Promise<void> {
  if (items.length === 0) return;
  await db.$executeRaw`
    INSERT INTO batch_items (batch_id, tenant_id, outcome, run_id, reason_code, result)
    SELECT ${batchId}::uuid, i.tenant_id, i.outcome, i.run_id, i.reason_code, i.result
      FROM unnest(${items.map((item) => item.tenantId)}::uuid[], ${items.map((item) => item.result.outcome)}::text[],
                  ${items.map((item) => runOf(item.result))}::uuid[],
                  ${items.map((item) => (item.result.outcome === "blocked" ? item.result.reason : null))}::text[],
                  ${items.map((item) => (item.result.outcome === "blocked" ? JSON.stringify(item.result) : null))}::jsonb[])
           AS i(tenant_id, outcome, run_id, reason_code, result)`;
}

function runOf(result: BatchItemRecord["result"]): string | null {
  switch (result.outcome) {
    case "deduped":
      return result.run.id;
    case "scope_busy":
      return result.blockingRun.id;
    case "blocked":
      return null;
  }
}

/** The batch's answer as first given (its runs as they are now): what a repeated idempotency key returns. */
export async function readBatchResult(db: Db, batchId: string): Promise<BulkStartResult> {
  const rows = await db.$queryRaw<(BatchItemRow & { operation: OperationId; tenant_id: string; slug: string; display_name: string })[]>`
    SELECT b.operation, i.tenant_id, t.slug, t.display_name, ${batchItemColumns}
      FROM batches b
      JOIN batch_entries i ON i.batch_id = b.id
      JOIN tenants t ON t.id = i.tenant_id
      LEFT JOIN operation_runs r ON r.id = i.run_id
     WHERE b.id = ${batchId}::uuid
     ORDER BY t.display_name, t.id`;
  const operation = rows[0]?.operation ?? (await batchOperation(db, batchId));
  const items = rows.map((row) => ({
    tenant: { id: row.tenant_id, slug: row.slug, displayName: row.display_name } satisfies BulkTenant,
    result: batchItemResult(row),
  }));
  return {
    batch: { id: batchId, href: routes.batch(batchId), created: false },
    operation,
    items,
    rollup: rollupOf(startOutcomes, items.map((item) => item.result)),
  };
}

async function batchOperation(db: Db, batchId: string): Promise<OperationId> {
  const rows = await db.$queryRaw<{ operation: OperationId }[]>`SELECT operation FROM batches WHERE id = ${batchId}::uuid`;
  const row = rows[0];
  if (!row) throw new Error(`batch ${batchId} does not exist`);
  return row.operation;
}
