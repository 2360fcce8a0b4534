import { useEffect } from "react";

/** What a tRPC subscription hook reports about its connection. */
interface SubscriptionState {
  status: "idle" | "connecting" | "pending" | "error";
  error: unknown;
}

/**
 * Calls `fail` once the push channel has failed, so the page falls back to polling. A stream that
 * cannot be opened (a proxy that drops event streams, a refused request) never reaches `onError`:
 * httpSubscriptionLink keeps reconnecting and only reports "connecting" with the error, so that
 * state counts as a failure too.
 */
export function useOnPushFailure(subscription: SubscriptionState, fail: () => void): void {
  const failed = subscription.status === "error" || (subscription.status === "connecting" && subscription.error != null);
  useEffect(() => {
    if (failed) fail();
  }, [failed, fail]);
}
