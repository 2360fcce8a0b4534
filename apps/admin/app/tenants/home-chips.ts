import { countedReason, describe, routes, type ReasonCode, type TenantsSearch } from "@tenantpilot/dispatch-gate/contract";
import type { FilterChip } from "../lists/filter-chips";
import { homeSearch } from "./home-search";

interface HomeSummary {
  tenants: { total: number; byStatus: { active: number; onboarding: number; archived: number } };
  readiness: { byOutcome: { ready: number; deduped: number; scope_busy: number; blocked: number }; blockedByReason: Partial<Record<ReasonCode, number>> };
  running: number;
  failedLast24h: { tenants: number; runs: number };
  secretExpiry: { expired: number; within30Days: number; within7Days: number; within1Day: number };
}

/**
 * The workspace's counts as links: readiness chips filter the list ("6 need consent"); failed runs
 * and expiring secrets lead to the lists that hold them (runs, connections). Counts of zero are left out.
 */
export function summaryChips(summary: HomeSummary, search: TenantsSearch): FilterChip[] {
  const home = (changes: Partial<TenantsSearch>) => routes.home(homeSearch.next(search, { status: undefined, ready: undefined, reason: undefined, ...changes }));
  const chips: FilterChip[] = [];
  const ready = summary.readiness.byOutcome.ready;
  if (ready > 0) chips.push({ value: "ready", label: `${ready} ready to sync`, href: home({ ready: "ready" }), current: search.ready === "ready" });
  const reasons = (Object.entries(summary.readiness.blockedByReason) as [ReasonCode, number][]).filter(([, n]) => n > 0).sort(([, a], [, b]) => b - a);
  for (const [reason, count] of reasons) {
    chips.push({
      value: reason,
      label: countedReason(reason, count),
      href: home({ ready: "blocked", reason }),
      current: search.ready === "blocked" && search.reason === reason,
    });
  }
  if (summary.running > 0) chips.push({ value: "running", label: `${summary.running} with active runs`, href: routes.operations({ status: "active" }), current: false });
  const failed = summary.failedLast24h.tenants;
  if (failed > 0) chips.push({ value: "failed", label: `${failed} failed last night`, href: routes.operations({ status: "failed" }), current: false });
  const secrets = summary.secretExpiry;
  const expiring: [string, number, string][] = [
    ["secrets-expired", secrets.expired, `${secrets.expired} ${secrets.expired === 1 ? "secret" : "secrets"} expired`],
    ["secrets-1", secrets.within1Day, `${secrets.within1Day} expiring within a day`],
    ["secrets-7", secrets.within7Days, `${secrets.within7Days} expiring within 7 days`],
    ["secrets-30", secrets.within30Days, `${secrets.within30Days} expiring within 30 days`],
  ];
  for (const [value, count, label] of expiring) if (count > 0) chips.push({ value, label, href: routes.connections(), current: false });
  const archived = summary.tenants.byStatus.archived;
  if (archived > 0) {
    chips.push({ value: "archived", label: `${archived} ${describe({ tenantStatus: "archived" }).toLowerCase()}`, href: home({ status: "archived" }), current: search.status === "archived" });
  }
  return chips;
}

/** Status chips: the default view (current tenants) and each status, archived included. */
export function statusChips(search: TenantsSearch): FilterChip[] {
  const options: { status: TenantsSearch["status"]; label: string }[] = [
    { status: undefined, label: "Current" },
    ...(["active", "onboarding", "archived"] as const).map((status) => ({ status, label: describe({ tenantStatus: status }) })),
    { status: "all", label: "All" },
  ];
  return options.map(({ status, label }) => ({
    value: status ?? "",
    label,
    href: routes.home(homeSearch.next(search, { status })),
    current: search.status === status,
  }));
}

/** Tag chips, a multi-select: each toggles its tag in the filter (any of the chosen tags). */
export function tagChips(tags: readonly { id: string; name: string; tenantCount: number }[], search: TenantsSearch): FilterChip[] {
  const chosen = search.tag ?? [];
  return tags.map((tag) => {
    const on = chosen.includes(tag.id);
    const next = on ? chosen.filter((id) => id !== tag.id) : [...chosen, tag.id];
    return { value: tag.id, label: tag.name, count: tag.tenantCount, href: routes.home(homeSearch.next(search, { tag: next.length === 0 ? undefined : next })), current: on };
  });
}
