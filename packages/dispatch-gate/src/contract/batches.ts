import { z } from "zod";
import { OperationIdSchema, operationCatalog, type OperationId } from "./operations";
import { ReasonCodeSchema, reasonCodes, type ReasonCode } from "./reasons";
import { runStatuses, type RunStatus } from "./runs";
import { PreviewResult, StartResult, previewOutcomes, startOutcomes, type PreviewOutcome, type StartOutcome } from "./start-result";
import { describe } from "./words";
import { Uuid } from "./ids";

/** The tenant an entry of a bulk answer is about (only tenants the caller may operate ever appear). */
export const BulkTenant = z.object({ id: Uuid, slug: z.string(), displayName: z.string() });
export type BulkTenant = z.infer<typeof BulkTenant>;

const byReason = z.partialRecord(ReasonCodeSchema, z.number().int());

/** Counts of a bulk answer by outcome and, for blocked tenants, by reason. */
export const BulkRollup = z.object({
  total: z.number().int(),
  byOutcome: z.record(z.enum(startOutcomes), z.number().int()),
  blockedByReason: byReason,
});
export type BulkRollup = z.infer<typeof BulkRollup>;

export const PreviewRollup = z.object({
  total: z.number().int(),
  byOutcome: z.record(z.enum(previewOutcomes), z.number().int()),
  blockedByReason: byReason,
});
export type PreviewRollup = z.infer<typeof PreviewRollup>;

/** previewMany: what a bulk start would answer per tenant now, without writing anything. */
export const BulkPreviewResult = z.object({
  operation: OperationIdSchema,
  items: z.array(z.object({ tenant: BulkTenant, result: PreviewResult })),
  rollup: PreviewRollup,
});
export type BulkPreviewResult = z.infer<typeof BulkPreviewResult>;

export const BatchRef = z.object({
  id: Uuid,
  href: z.string(),
  /** false: the idempotency key had already started this batch; this is the first answer again. */
  created: z.boolean(),
});
export type BatchRef = z.infer<typeof BatchRef>;

/** startMany: one batch, one StartResult per tenant (the same four-outcome union as a single start). */
export const BulkStartResult = z.object({
  batch: BatchRef,
  operation: OperationIdSchema,
  items: z.array(z.object({ tenant: BulkTenant, result: StartResult })),
  rollup: BulkRollup,
});
export type BulkStartResult = z.infer<typeof BulkStartResult>;

/**
 * Where a batch stands, derived from its rows and their runs (never stored): accepted and deduped
 * rows count by their run's status; scope_busy and blocked rows did not start anything.
 */
export const BatchCounts = z.object({
  total: z.number().int(),
  byOutcome: z.record(z.enum(startOutcomes), z.number().int()),
  /** accepted + deduped rows, by the live status of their run. */
  byRunStatus: z.record(z.enum(runStatuses), z.number().int()),
  blockedByReason: byReason,
});
export type BatchCounts = z.infer<typeof BatchCounts>;

export const batchStatuses = ["running", "finished"] as const;
export type BatchStatus = (typeof batchStatuses)[number];

export function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** Rollup of per-tenant answers; one function for the start and the preview shapes. */
export function rollupOf<O extends StartOutcome | PreviewOutcome>(
  outcomes: readonly O[],
  /** `tenants`: how many tenants the result stands for (default 1; readiness groups stand for many). */
  results: readonly { outcome: O; reason?: ReasonCode; tenants?: number }[],
): { total: number; byOutcome: Record<O, number>; blockedByReason: Partial<Record<ReasonCode, number>> } {
  const byOutcome = emptyCounts(outcomes);
  const blockedByReason: Partial<Record<ReasonCode, number>> = {};
  let total = 0;
  for (const result of results) {
    const n = result.tenants ?? 1;
    total += n;
    byOutcome[result.outcome] += n;
    if (result.outcome === "blocked" && result.reason !== undefined) blockedByReason[result.reason] = (blockedByReason[result.reason] ?? 0) + n;
  }
  return { total, byOutcome, blockedByReason };
}

/** A batch is finished when no accepted or deduped row's run is still queued or running. */
export function batchStatusOf(counts: BatchCounts): BatchStatus {
  return counts.byRunStatus.queued + counts.byRunStatus.running > 0 ? "running" : "finished";
}

const finishedRunStatuses = ["succeeded", "partially_succeeded", "failed", "cancelled"] as const satisfies readonly RunStatus[];

/** "400 succeeded · 5 failed · 7 blocked": the rollup sentence of notifications, the CLI and the batch page. */
export function describeBatchCounts(counts: BatchCounts): string {
  const parts: string[] = [];
  for (const status of ["queued", "running", ...finishedRunStatuses] as const) {
    const n = counts.byRunStatus[status];
    if (n > 0) parts.push(`${n} ${describe({ runStatus: status }).toLowerCase()}`);
  }
  if (counts.byOutcome.scope_busy > 0) parts.push(`${counts.byOutcome.scope_busy} ${describe({ outcome: "scope_busy" }).toLowerCase()}`);
  if (counts.byOutcome.blocked > 0) parts.push(`${counts.byOutcome.blocked} ${describe({ outcome: "blocked" }).toLowerCase()}`);
  return parts.length === 0 ? "no tenants" : parts.join(" · ");
}

/** Title of a batch in notifications and lists: "Sync inventory on 412 tenants". */
export function batchTitle(operation: OperationId, total: number): string {
  return `${operationCatalog[operation].label} on ${total} ${total === 1 ? "tenant" : "tenants"}`;
}

/** Validates reason keys read back from SQL. */
export function isReasonCode(value: string): value is ReasonCode {
  return (reasonCodes as readonly string[]).includes(value);
}
