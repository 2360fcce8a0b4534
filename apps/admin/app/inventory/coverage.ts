import type { CoveredPolicyType } from "@tenantpilot/dispatch-gate/contract";

// What inventory.sync records in its run's diagnostics (the shape is the contract's
// CoveredPolicyType). Read leniently all the same: old runs may predate a field.
export type CoveredType = CoveredPolicyType;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function coveredType(value: unknown): CoveredType | null {
  if (!isRecord(value)) return null;
  const { policyType, label, items, changed, truncated, syncedAt } = value;
  if (typeof policyType !== "string" || typeof syncedAt !== "string" || typeof items !== "number") return null;
  return {
    policyType,
    label: typeof label === "string" ? label : policyType,
    items,
    changed: typeof changed === "number" ? changed : 0,
    truncated: truncated === true,
    syncedAt,
  };
}

export function coverageOf(diagnostics: unknown): CoveredType[] {
  if (!isRecord(diagnostics) || !isRecord(diagnostics.inventory)) return [];
  const coverage = diagnostics.inventory.coverage;
  return Array.isArray(coverage) ? coverage.flatMap((entry) => coveredType(entry) ?? []) : [];
}

export interface TypeCoverage {
  policyType: string;
  label: string;
  /** The newest run that listed this family, and what it found. */
  latest: CoveredType & { runId: string };
  /** Listed by the newest finished sync. */
  inLastSync: boolean;
}

/**
 * Per policy family, the newest sync that covered it. `runs` are finished syncs, newest first;
 * a family the last sync did not reach keeps its older date and is marked as not current.
 */
export function coverageByType(runs: { runId: string; coverage: CoveredType[] }[]): TypeCoverage[] {
  const byType = new Map<string, TypeCoverage>();
  runs.forEach((run, index) => {
    for (const covered of run.coverage) {
      if (byType.has(covered.policyType)) continue;
      byType.set(covered.policyType, { policyType: covered.policyType, label: covered.label, latest: { ...covered, runId: run.runId }, inLastSync: index === 0 });
    }
  });
  return [...byType.values()];
}
