import {
  matchPreviewResult,
  matchStartResult,
  describe,
  type BatchCounts,
  type BulkPreviewResult,
  type BulkRollup,
  type BulkStartResult,
  type PreviewRollup,
  type ReasonCode,
} from "@tenantpilot/dispatch-gate/contract";
import { exitCodes } from "./exit-codes";
import { label, link } from "./start-words";

// The terminal rendering of bulk answers: one line per tenant in the gate's words (the contract's
// describe), then the rollup.

export function describeBulkStart(result: BulkStartResult, baseUrl: string): string {
  const rows = result.items.map(({ tenant, result: answer }) =>
    row(
      tenant.slug,
      describe({ outcome: answer.outcome }),
      matchStartResult(answer, {
        accepted: ({ run }) => `run ${run.id}`,
        deduped: ({ run }) => `run ${run.id} is ${run.status}`,
        scope_busy: ({ scope, blockingRun }) => `${scope.label} held by ${label(blockingRun)} (run ${blockingRun.id})`,
        blocked: ({ message, nextStep }) => `${message} Next step: ${nextStep.label} → ${link(baseUrl, nextStep.href)}`,
      }),
    ),
  );
  const title = `${result.batch.created ? "Batch" : "Batch (already started with this key)"} ${result.batch.id} → ${link(baseUrl, result.batch.href)}`;
  return `${rows.join("")}${title}\n${startRollupWords(result.rollup)}\n`;
}

export function describeBulkPreview(result: BulkPreviewResult, baseUrl: string): string {
  const rows = result.items.map(({ tenant, result: answer }) =>
    row(
      tenant.slug,
      describe({ preview: answer.outcome }),
      matchPreviewResult(answer, {
        ready: ({ connection }) => `would run with ${connection.displayName}`,
        deduped: ({ run }) => `run ${run.id} is ${run.status}`,
        scope_busy: ({ scope, blockingRun }) => `${scope.label} held by ${label(blockingRun)} (run ${blockingRun.id})`,
        blocked: ({ message, nextStep }) => `${message} Next step: ${nextStep.label} → ${link(baseUrl, nextStep.href)}`,
      }),
    ),
  );
  return `${rows.join("")}${previewRollupWords(result.rollup)}\n`;
}

/** "412 will queue · 31 already running · 7 blocked (provider_consent_missing ×5, …)" */
export function previewRollupWords(rollup: PreviewRollup): string {
  return rollupWords([
    [rollup.byOutcome.ready, "will queue"],
    [rollup.byOutcome.deduped, describe({ outcome: "deduped" }).toLowerCase()],
    [rollup.byOutcome.scope_busy, describe({ outcome: "scope_busy" }).toLowerCase()],
    [rollup.byOutcome.blocked, `${describe({ outcome: "blocked" }).toLowerCase()}${reasons(rollup.blockedByReason)}`],
  ]);
}

export function startRollupWords(rollup: BulkRollup): string {
  return rollupWords([
    [rollup.byOutcome.accepted, describe({ outcome: "accepted" }).toLowerCase()],
    [rollup.byOutcome.deduped, describe({ outcome: "deduped" }).toLowerCase()],
    [rollup.byOutcome.scope_busy, describe({ outcome: "scope_busy" }).toLowerCase()],
    [rollup.byOutcome.blocked, `${describe({ outcome: "blocked" }).toLowerCase()}${reasons(rollup.blockedByReason)}`],
  ]);
}

/** Where a batch's runs are: "400 succeeded · 5 failed · 7 blocked". */
export function batchProgressWords(counts: BatchCounts): string {
  const parts: [number, string][] = (["queued", "running", "succeeded", "partially_succeeded", "failed", "cancelled"] as const).map((status) => [
    counts.byRunStatus[status],
    describe({ runStatus: status }).toLowerCase(),
  ]);
  parts.push([counts.byOutcome.scope_busy, describe({ outcome: "scope_busy" }).toLowerCase()]);
  parts.push([counts.byOutcome.blocked, describe({ outcome: "blocked" }).toLowerCase()]);
  return rollupWords(parts);
}

/**
 * A bulk start's exit status: 13 when (after --wait) a run did not succeed, else 12 when a tenant was
 * blocked, else 11 when a scope was busy, else 0. Deduped tenants are fine: their work is running.
 */
export function bulkExitCode(counts: { blocked: number; scopeBusy: number; runsNotSucceeded?: number }): number {
  if ((counts.runsNotSucceeded ?? 0) > 0) return exitCodes.runsFailed;
  if (counts.blocked > 0) return exitCodes.blocked;
  if (counts.scopeBusy > 0) return exitCodes.scopeBusy;
  return exitCodes.ok;
}

function reasons(byReason: Partial<Record<ReasonCode, number>>): string {
  const entries = Object.entries(byReason);
  return entries.length === 0 ? "" : ` (${entries.map(([reason, n]) => `${reason} ×${n}`).join(", ")})`;
}

function rollupWords(parts: [number, string][]): string {
  const shown = parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
  return shown.length === 0 ? "no tenants" : shown.join(" · ");
}

function row(slug: string, words: string, detail: string): string {
  return `${slug.padEnd(24)} ${words.padEnd(16)} ${detail}\n`;
}
