import { useCallback, useEffect, useReducer } from "react";

/** What a tRPC subscription hook reports about its connection. */
interface SubscriptionState {
  status: "idle" | "connecting" | "pending" | "error";
  error: unknown;
}

/** The first try of the push channel again after it failed, then twice as long each time, up to the last. */
export const pushRetryFirstMs = 15_000;
export const pushRetryMaxMs = 5 * 60_000;

/**
 * How long a page polls before it tries the push channel again, after `failures` failures in a row.
 * A restart of the admin server (a deploy) breaks every open tab's stream at once: without a new
 * try, each tab would poll until reloaded; with one, the tabs come back to push, spread by when
 * each one failed, and a channel that stays refused (a proxy that drops event streams) is tried
 * rarely.
 */
export function pushRetryDelay(failures: number): number {
  return Math.min(pushRetryMaxMs, pushRetryFirstMs * 2 ** Math.max(0, failures - 1));
}

interface PushState {
  failed: boolean;
  /** Failures since the channel last connected. */
  failures: number;
}

type PushEvent = "failed" | "connected" | "retry";

function pushState(state: PushState, event: PushEvent): PushState {
  switch (event) {
    case "failed":
      return state.failed ? state : { failed: true, failures: state.failures + 1 };
    case "connected":
      return state.failures === 0 ? state : { ...state, failures: 0 };
    case "retry":
      return state.failed ? { ...state, failed: false } : state;
  }
}

/**
 * A page's push channel and its fallback. `failed` is true while the page should poll instead
 * (enable the subscription only while it is false); `report` is given the subscription's state on
 * every render, and `fail` its onError. A failed channel is tried again after pushRetryDelay.
 */
export function usePushChannel(): { failed: boolean; fail: () => void; report: (subscription: SubscriptionState) => void } {
  const [state, dispatch] = useReducer(pushState, { failed: false, failures: 0 });
  const fail = useCallback(() => dispatch("failed"), []);
  useEffect(() => {
    if (!state.failed) return undefined;
    const timer = setTimeout(() => dispatch("retry"), pushRetryDelay(state.failures));
    return () => clearTimeout(timer);
  }, [state.failed, state.failures]);
  const report = useCallback((subscription: SubscriptionState) => {
    // A stream that cannot be opened (a proxy that drops event streams, a refused request) never
    // reaches onError: httpSubscriptionLink keeps reconnecting and only reports "connecting" with
    // the error, so that state counts as a failure too. "pending" is an open stream.
    if (subscription.status === "error" || (subscription.status === "connecting" && subscription.error != null)) dispatch("failed");
    else if (subscription.status === "pending") dispatch("connected");
  }, []);
  return { failed: state.failed, fail, report };
}

/** Calls `report` with the subscription's state whenever it changes (see usePushChannel). */
export function useReportPush(subscription: SubscriptionState, report: (subscription: SubscriptionState) => void): void {
  const { status, error } = subscription;
  useEffect(() => report({ status, error }), [status, error, report]);
}
