// Microsoft's throttling answers reach the worker's metrics: every 429 of Graph is counted, also
// when the Graph client's own retries then get through and the run succeeds.
import { afterAll, describe, expect, it } from "vitest";
import { createMetrics } from "@tenantpilot/observability";
import { countGraphThrottling } from "../../apps/worker/src/graph-metrics";
import { testPrisma } from "@tenantpilot/test-support";
import { accept, ending, seedTenant, testWorker, useSandbox } from "./worker-fixtures";

const prisma = testPrisma(6);
const sandbox = useSandbox();
const metrics = createMetrics({ processMetrics: false });
const worker = testWorker(sandbox, {
  provider: { mode: "sandbox", sandbox, graphRetry: { maxRetries: 3, maxDelayMs: 50, baseDelayMs: 5 }, onResponse: countGraphThrottling(metrics) },
});
afterAll(async () => {
  await worker.stop();
  await prisma.$disconnect();
});

describe("Graph throttling in the metrics", () => {
  it("counts each 429 Microsoft answered", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.throttle({ times: 2, retryAfterSeconds: 0 });
    const runId = await accept(prisma, seeded, "inventory.sync");
    await worker.runOnce();
    expect((await ending(prisma, seeded, runId)).run.status).toBe("succeeded");
    expect(await metrics.text()).toMatch(/^tenantpilot_graph_throttled_responses_total 2$/m);
  });
});
