import {
  describe,
  operationCatalog,
  reasonCountWords,
  reportKinds,
  tenantBlocker,
  type BulkOperation,
  type NextStepValue,
  type PreviewOutcome,
  type PreviewResult,
  type RunStatus,
} from "@tenantpilot/dispatch-gate/contract";
import type { ApiOutputs } from "../live/trpc";

type ListedTenant = ApiOutputs["tenants"]["list"]["items"][number];

/** A tenant's readiness over every operation, in one line: what the home's readiness column shows. */
export interface RowReadiness {
  outcome: PreviewOutcome;
  text: string;
  nextStep: NextStepValue | null;
}

/** What one row of the home shows, and nothing more: the page stays small at any workspace size. */
export interface HomeRow {
  id: string;
  slug: string;
  displayName: string;
  status: string;
  canUnarchive: boolean;
  /** Tag names only: the row renders them, the page's tag list has their ids. */
  tags: string[];
  activeRuns: number;
  lastRun: { href: string; label: string; status: RunStatus; at: string } | null;
  readiness: RowReadiness;
}

export function operationWords(what: BulkOperation): string {
  const label = operationCatalog[what.operation].label;
  return what.reportKind === undefined ? label : `${label} · ${reportKinds[what.reportKind].label}`;
}

/**
 * One line for all of a tenant's operations: a tenant-wide blocker (no consent, an expired secret,
 * archived…) with its next step; otherwise the operations blocked on their own; otherwise running
 * work; otherwise Ready. Never "Ready" while any operation is blocked.
 */
export function rowReadiness(entries: readonly (BulkOperation & { result: PreviewResult | null })[]): RowReadiness {
  const blocker = tenantBlocker(entries.map((entry) => entry.result));
  if (blocker) return { outcome: "blocked", text: blocker.message, nextStep: blocker.nextStep };
  const blocked = entries.flatMap((entry) => (entry.result?.outcome === "blocked" ? [{ entry, result: entry.result }] : []));
  const first = blocked[0];
  if (first) {
    const names = blocked.map(({ entry, result }) => `${operationWords(entry)} (${reasonCountWords[result.reason][0]})`);
    return { outcome: "blocked", text: `${blocked.length} of ${entries.length} blocked: ${names.join(", ")}`, nextStep: first.result.nextStep };
  }
  const busy = entries.find((entry) => entry.result?.outcome === "deduped" || entry.result?.outcome === "scope_busy");
  if (busy?.result) return { outcome: busy.result.outcome, text: `${describe({ preview: busy.result.outcome })} · ${operationWords(busy)}`, nextStep: null };
  return { outcome: "ready", text: describe({ preview: "ready" }), nextStep: null };
}

export function homeRow(tenant: ListedTenant): HomeRow {
  const last = tenant.lastRun;
  return {
    id: tenant.id,
    slug: tenant.slug,
    displayName: tenant.displayName,
    status: tenant.status,
    canUnarchive: tenant.status === "archived" && tenant.capabilities.includes("tenants.archive"),
    tags: tenant.tags.map((tag) => tag.name),
    activeRuns: tenant.activeRuns,
    lastRun: last
      ? {
          href: last.href,
          label: operationCatalog[last.operation].label,
          status: last.status,
          at: new Date(last.finishedAt ?? last.createdAt ?? Date.now()).toISOString(),
        }
      : null,
    readiness: rowReadiness(tenant.readiness),
  };
}
