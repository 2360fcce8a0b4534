import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { isActiveRunStatus, type RunProgress, type RunRef } from "@tenantpilot/dispatch-gate/contract";
import { useRunWatch } from "./run-watch-hub";
import { trpc } from "./trpc";

/** The fallback's pace when the push channel is refused or broken (the run page polls at the same pace). */
const POLL_MS = 2_000;

/**
 * Where `run` stands now, pushed by operations.watch (SSE fed by PostgreSQL's NOTIFY, ADR 028) over
 * the tab's one shared stream (RunWatchHub);
 * if the push channel fails, the run is polled instead. When the run ends, the page's loaders run
 * again, so what the page says around the notice (the readiness line) agrees with it.
 */
export function useFollowedRun(run: RunRef | null): RunProgress | undefined {
  const runId = run?.id;
  const [polledProgress, setPolledProgress] = useState<RunProgress | undefined>(undefined);
  const [ended, setEnded] = useState<string | null>(null);
  const following = run !== null && isActiveRunStatus(run.status) && ended !== runId;
  const watched = useRunWatch(runId, following);
  const pushFailed = watched.pushFailed;
  const progress = pushFailed ? (polledProgress ?? watched.progress) : (watched.progress ?? polledProgress);
  const current = progress !== undefined && progress.runId === runId ? progress : undefined;
  useEffect(() => {
    // Once the run has ended, nothing more will come: stop following it (the shared stream shrinks).
    if (current !== undefined && !isActiveRunStatus(current.status)) setEnded(current.runId);
  }, [current]);

  const polled = trpc.operations.detail.useQuery(
    { runId: runId ?? "" },
    { enabled: following && pushFailed, refetchInterval: POLL_MS },
  );
  const polledDetail = polled.data;
  useEffect(() => {
    if (polledDetail === undefined) return;
    setPolledProgress({ runId: polledDetail.run.id, status: polledDetail.run.status, counts: polledDetail.counts });
  }, [polledDetail]);

  const revalidator = useRevalidator();
  const utils = trpc.useUtils();
  const finished = current !== undefined && !isActiveRunStatus(current.status);
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!finished || runId === undefined || announced.current === runId) return;
    // Another control following the same run may have started the reload already: a second call
    // would abort it. This effect runs again when the revalidator is idle.
    if (revalidator.state !== "idle") return;
    announced.current = runId;
    // The run's terminal notification is there now, and the readiness line must stop naming it.
    void utils.notifications.list.invalidate();
    revalidator.revalidate();
  }, [finished, runId, revalidator, utils]);

  return current;
}
