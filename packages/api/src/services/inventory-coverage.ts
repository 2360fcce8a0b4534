import type { CoveredPolicyType } from "@tenantpilot/dispatch-gate/contract";

export interface FamilyCoverage {
  policyType: string;
  label: string;
  /** The newest run that listed this family, and what it found. */
  latest: CoveredPolicyType & { runId: string };
  /** Listed by the newest finished sync. */
  inLastSync: boolean;
}

/**
 * Per policy family, the newest sync that covered it. `runs` are finished syncs, newest first, with
 * what each recorded in `diagnostics.inventory.coverage`; a family the last sync did not reach (it
 * failed half-way) keeps its older date and is marked as not current.
 */
export function coverageByFamily(runs: readonly { runId: string; coverage: readonly CoveredPolicyType[] }[]): FamilyCoverage[] {
  const byFamily = new Map<string, FamilyCoverage>();
  runs.forEach((run, index) => {
    for (const covered of run.coverage) {
      if (byFamily.has(covered.policyType)) continue;
      byFamily.set(covered.policyType, { policyType: covered.policyType, label: covered.label, latest: { ...covered, runId: run.runId }, inLastSync: index === 0 });
    }
  });
  return [...byFamily.values()];
}
