import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import type { BatchCounts, BatchSnapshot, BatchStatus, RunProgress } from "@tenantpilot/dispatch-gate/contract";
import { usePushChannel, useReportPush } from "../live/push-failure";
import { trpc } from "../live/trpc";
import type { BatchRow } from "./batch-rows";

/** The fallback's pace when the push channel is refused or broken. */
const POLL_MS = 2_000;

interface LoadedBatch {
  id: string;
  status: BatchStatus;
  counts: BatchCounts;
}

export interface FollowedBatch {
  status: BatchStatus;
  counts: BatchCounts;
  rows: BatchRow[];
}

/**
 * The batch page's batch as it is now (ADR 034): pushed by batches.watch — its counts and the shown
 * rows' runs from one snapshot, so the rollup and the table never disagree — or, when the push
 * channel fails, the page's loader polled instead. A snapshot replaces the loader's data only for
 * the data it was pushed over; once the batch is finished (or, in a view whose rows are chosen by
 * run status, whenever a run moves) the loader runs once more, so the rows it lists follow too.
 */
export function useFollowedBatch(batch: LoadedBatch, rows: readonly BatchRow[], rowsChosenByRunStatus: boolean): FollowedBatch {
  const runIds = rows.flatMap((row) => (row.result.outcome === "accepted" || row.result.outcome === "deduped" ? [row.result.run.id] : []));
  const [pushed, setPushed] = useState<{ over: LoadedBatch; snapshot: BatchSnapshot } | undefined>(undefined);
  const push = usePushChannel();
  const pushFailed = push.failed;
  const snapshot = pushed?.over === batch ? pushed.snapshot : undefined;
  const status = snapshot?.status ?? batch.status;

  const subscription = trpc.batches.watch.useSubscription(
    { batchId: batch.id, runIds },
    {
      enabled: batch.status === "running" && !pushFailed,
      onData: (next) => setPushed({ over: batch, snapshot: next }),
      onError: push.fail,
    },
  );
  useReportPush(subscription, push.report);

  const revalidator = useRevalidator();
  // The fallback: the loader again every few seconds while the batch runs.
  useEffect(() => {
    if (!pushFailed || batch.status !== "running") return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [pushFailed, batch.status, revalidator]);

  // The rows a loader lists follow the pushed state: once at the end, or on every move in a view
  // ("only failed") whose rows are chosen by their run's status.
  const reloaded = useRef<BatchSnapshot | null>(null);
  useEffect(() => {
    if (snapshot === undefined || reloaded.current === snapshot || revalidator.state !== "idle") return;
    if (snapshot.status !== "finished" && !rowsChosenByRunStatus) return;
    reloaded.current = snapshot;
    revalidator.revalidate();
  }, [snapshot, rowsChosenByRunStatus, revalidator]);

  const runs = new Map<string, RunProgress>((snapshot?.runs ?? []).map((run) => [run.runId, run]));
  return { status, counts: snapshot?.counts ?? batch.counts, rows: rows.map((row) => withRunAsPushed(row, runs)) };
}

/** A row whose run the snapshot names, with that run's pushed status. */
function withRunAsPushed(row: BatchRow, runs: ReadonlyMap<string, RunProgress>): BatchRow {
  const result = row.result;
  if (result.outcome !== "accepted" && result.outcome !== "deduped") return row;
  const progress = runs.get(result.run.id);
  return progress === undefined ? row : { ...row, result: { ...result, run: { ...result.run, status: progress.status } } };
}
