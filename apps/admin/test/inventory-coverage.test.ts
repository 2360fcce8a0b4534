import { describe, expect, it } from "vitest";
import { coverageByType, coverageOf, type CoveredType } from "../app/inventory/coverage";

const covered = (policyType: string, syncedAt: string, items = 3): CoveredType => ({
  policyType,
  label: policyType.toUpperCase(),
  items,
  changed: 1,
  truncated: false,
  syncedAt,
});

describe("inventory coverage", () => {
  it("reads the coverage a sync recorded, skipping entries it cannot read", () => {
    const diagnostics = { inventory: { coverage: [covered("a", "2026-11-01T00:00:00Z"), { policyType: 7 }], complete: true } };
    expect(coverageOf(diagnostics)).toEqual([covered("a", "2026-11-01T00:00:00Z")]);
    expect(coverageOf(null)).toEqual([]);
    expect(coverageOf({ inventory: "nope" })).toEqual([]);
  });

  it("dates each family by the newest sync that listed it and flags the ones the last sync missed", () => {
    const runs = [
      // The newest sync failed after the first family.
      { runId: "new", coverage: [covered("a", "2026-11-03T00:00:00Z", 5)] },
      { runId: "old", coverage: [covered("a", "2026-11-01T00:00:00Z"), covered("b", "2026-11-01T00:00:00Z")] },
    ];
    expect(coverageByType(runs)).toEqual([
      { policyType: "a", label: "A", latest: { ...covered("a", "2026-11-03T00:00:00Z", 5), runId: "new" }, inLastSync: true },
      { policyType: "b", label: "B", latest: { ...covered("b", "2026-11-01T00:00:00Z"), runId: "old" }, inLastSync: false },
    ]);
  });
});
