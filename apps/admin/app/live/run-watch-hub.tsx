import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { watchedRunsMax, type RunProgress } from "@tenantpilot/dispatch-gate/contract";
import { usePushChannel, useReportPush } from "./push-failure";
import { trpc } from "./trpc";

interface RunWatch {
  /** The latest pushed state of each followed run. */
  progress: ReadonlyMap<string, RunProgress>;
  /** The push channel was refused or broke: followers poll instead (until it is tried again). */
  pushFailed: boolean;
  /** Follows a run until the returned function is called (several followers of one run share it). */
  follow: (runId: string) => () => void;
}

const RunWatchContext = createContext<RunWatch | null>(null);

/**
 * One push channel per tab for every run the page follows. Each SSE stream holds an HTTP/1.1
 * connection, and a browser opens at most six per origin: one stream per notice would stall the
 * page's other requests (loaders, notifications) once six notices follow runs. The hub subscribes
 * once to operations.watch with the set of followed runs and subscribes again when the set changes.
 */
export function RunWatchHub({ children }: { children: ReactNode }) {
  const [followers, setFollowers] = useState<ReadonlyMap<string, number>>(new Map());
  const [progress, setProgress] = useState<ReadonlyMap<string, RunProgress>>(new Map());
  const push = usePushChannel();
  const pushFailed = push.failed;
  // Sorted, so that the same set is the same input and does not reconnect.
  const runIds = useMemo(() => [...followers.keys()].sort().slice(0, watchedRunsMax), [followers]);

  const subscription = trpc.operations.watch.useSubscription(
    { runIds },
    {
      enabled: runIds.length > 0 && !pushFailed,
      onData: (next) => setProgress((known) => new Map(known).set(next.runId, next)),
      onError: push.fail,
    },
  );
  useReportPush(subscription, push.report);

  const follow = useCallback((runId: string) => {
    setFollowers((current) => new Map(current).set(runId, (current.get(runId) ?? 0) + 1));
    return () =>
      setFollowers((current) => {
        const next = new Map(current);
        const count = (next.get(runId) ?? 1) - 1;
        if (count > 0) next.set(runId, count);
        else next.delete(runId);
        return next;
      });
  }, []);

  const value = useMemo(() => ({ progress, pushFailed, follow }), [progress, pushFailed, follow]);
  return <RunWatchContext.Provider value={value}>{children}</RunWatchContext.Provider>;
}

/** The pushed state of `runId` while `following`; `pushFailed` tells the caller to poll instead. */
export function useRunWatch(runId: string | undefined, following: boolean): { progress: RunProgress | undefined; pushFailed: boolean } {
  const hub = useContext(RunWatchContext);
  if (hub === null) throw new Error("useRunWatch needs a RunWatchHub (LiveProvider mounts one)");
  const { follow } = hub;
  useEffect(() => {
    if (!following || runId === undefined) return undefined;
    return follow(runId);
  }, [follow, following, runId]);
  return { progress: runId === undefined ? undefined : hub.progress.get(runId), pushFailed: hub.pushFailed };
}
