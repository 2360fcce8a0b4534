import type { Metrics } from "@tenantpilot/observability";

/** The provider's response hook that counts Microsoft's throttling answers (HTTP 429) for /metrics. */
export function countGraphThrottling(metrics: Metrics): (status: number) => void {
  return (status) => {
    if (status === 429) metrics.graphThrottled.inc();
  };
}
