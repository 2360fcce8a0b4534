// A bulk start is one event: its tenants count in the gate-outcome counter like single starts, and
// it leaves one log line with its counts, not one per tenant.
import { Writable } from "node:stream";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLogger, createMetrics, gateLog, gateMetrics } from "../src";

const batch = {
  kind: "batch_answered" as const,
  batchId: randomUUID(),
  workspaceId: randomUUID(),
  operation: "inventory.sync" as const,
  initiator: "user" as const,
  rollup: {
    total: 10,
    byOutcome: { accepted: 6, deduped: 1, scope_busy: 0, blocked: 3 },
    blockedByReason: { provider_consent_missing: 2, provider_credentials_expired: 1 },
  },
};

describe("gate observers and batches", () => {
  it("count a batch's tenants by outcome and blocking reason", async () => {
    const metrics = createMetrics({ processMetrics: false });
    gateMetrics(metrics)(batch);
    const text = await metrics.text();
    expect(text).toMatch(/tenantpilot_gate_outcomes_total\{operation="inventory.sync",outcome="accepted",reason=""\} 6/);
    expect(text).toMatch(/tenantpilot_gate_outcomes_total\{operation="inventory.sync",outcome="deduped",reason=""\} 1/);
    expect(text).toMatch(/outcome="blocked",reason="provider_consent_missing"\} 2/);
    expect(text).toMatch(/outcome="blocked",reason="provider_credentials_expired"\} 1/);
    expect(text).not.toMatch(/outcome="scope_busy"/);
  });

  it("log one line per batch", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    gateLog(createLogger({ service: "admin", format: "json", destination }))(batch);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: "batch", batchId: batch.batchId, accepted: 6, blocked: 3, msg: "batch answered: 10 tenants" });
  });
});
