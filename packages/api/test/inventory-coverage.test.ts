import { describe, expect, it } from "vitest";
import { parseRunDiagnostics, type CoveredPolicyType } from "@tenantpilot/dispatch-gate/contract";
import { coverageByFamily } from "../src/services/inventory-coverage";

const covered = (policyType: string, syncedAt: string, items = 3): CoveredPolicyType => ({
  policyType,
  label: policyType.toUpperCase(),
  items,
  changed: 1,
  truncated: false,
  syncedAt,
});

describe("inventory coverage", () => {
  it("reads the coverage a sync recorded; a section it cannot read is absent, the rest stays", () => {
    const written = { inventory: { coverage: [covered("a", "2026-11-01T00:00:00Z")], complete: true }, worker: { id: "host:1" } };
    expect(parseRunDiagnostics(written).inventory?.coverage).toEqual([covered("a", "2026-11-01T00:00:00Z")]);
    const broken = parseRunDiagnostics({ inventory: { coverage: [{ policyType: 7 }] }, worker: { id: "host:1" } });
    expect(broken.inventory).toBeUndefined();
    expect(broken.worker).toEqual({ id: "host:1" });
    expect(parseRunDiagnostics(null)).toEqual({});
    expect(parseRunDiagnostics({ inventory: "nope" }).inventory).toBeUndefined();
  });

  it("fills what older syncs did not record and keeps keys it does not know for the raw view", () => {
    const old = parseRunDiagnostics({ inventory: { coverage: [{ policyType: "a", label: "A", items: 2, syncedAt: "2026-10-01T00:00:00Z" }] }, phase: "x" });
    expect(old.inventory?.coverage).toEqual([{ policyType: "a", label: "A", items: 2, changed: 0, truncated: false, syncedAt: "2026-10-01T00:00:00Z" }]);
    expect(old).toMatchObject({ phase: "x" });
  });

  it("dates each family by the newest sync that listed it and flags the ones the last sync missed", () => {
    const runs = [
      // The newest sync failed after the first family.
      { runId: "new", coverage: [covered("a", "2026-11-03T00:00:00Z", 5)] },
      { runId: "old", coverage: [covered("a", "2026-11-01T00:00:00Z"), covered("b", "2026-11-01T00:00:00Z")] },
    ];
    expect(coverageByFamily(runs)).toEqual([
      { policyType: "a", label: "A", latest: { ...covered("a", "2026-11-03T00:00:00Z", 5), runId: "new" }, inLastSync: true },
      { policyType: "b", label: "B", latest: { ...covered("b", "2026-11-01T00:00:00Z"), runId: "old" }, inLastSync: false },
    ]);
  });
});
