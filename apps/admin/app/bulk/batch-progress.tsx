import { describe, describeBatchCounts, type BatchCounts, type BatchStatus } from "@tenantpilot/dispatch-gate/contract";

/**
 * Where the batch stands: the rollup sentence and a bar of the rows that are done (their run ended,
 * or they started nothing: blocked, scope busy) out of all rows.
 */
export function BatchProgress({ counts, status }: { counts: BatchCounts; status: BatchStatus }) {
  const pending = counts.byRunStatus.queued + counts.byRunStatus.running;
  const done = counts.total - pending;
  return (
    <div className="space-y-2" data-batch-status={status}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <strong className="font-semibold text-slate-900">{describe({ batchStatus: status })}</strong>
        <span className="text-slate-700" data-rollup="">
          {describeBatchCounts(counts)}
        </span>
      </p>
      {/* A native bar: the page's Content-Security-Policy allows no inline styles. */}
      <progress
        aria-label="Tenants done"
        value={done}
        max={Math.max(counts.total, 1)}
        className={`h-2 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-100 ${status === "finished" ? "[&::-webkit-progress-value]:bg-emerald-500" : "[&::-webkit-progress-value]:bg-sky-500"}`}
      />
      <p className="text-xs text-slate-500">
        {done} of {counts.total} done{status === "running" ? " · updating…" : ""}
      </p>
    </div>
  );
}
