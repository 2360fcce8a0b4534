import { countedReason, describe, routes, type BulkOperation, type ReasonCode, type TenantsSearch } from "@tenantpilot/dispatch-gate/contract";
import { bulkChoiceValue, bulkChoices } from "../bulk/bulk-operation";
import type { FilterChip } from "../lists/filter-chips";
import { operationWords } from "./home-rows";
import { defaultReadinessOperation, homeReadinessOperation, homeSearch } from "./home-search";

interface HomeSummary {
  tenants: { total: number; byStatus: { active: number; onboarding: number; archived: number } };
  readiness: BulkOperation & { byOutcome: { ready: number; deduped: number; scope_busy: number; blocked: number }; blockedByReason: Partial<Record<ReasonCode, number>> };
  running: number;
  failedLast24h: { tenants: number; runs: number };
  secretExpiry: { expired: number; within30Days: number; within7Days: number; within1Day: number };
}

/** The readiness chip's words: "4 ready to capture backup" — the operation is the one counted. */
export function readyCount(what: BulkOperation, count: number): string {
  return `${count} ready to ${operationWords(what).toLowerCase()}`;
}

/** The attention filters a summary chip sets; choosing one clears the others (each count is over the whole workspace). */
const attentionCleared = { status: undefined, ready: undefined, reason: undefined, failed: undefined, secrets: undefined } as const satisfies Partial<TenantsSearch>;

/**
 * The workspace's counts as filters of the list: readiness for the chosen operation ("6 need
 * consent"), failed last night, secrets expired or expiring, archived. A chip that is on links to
 * the list without it. Active runs lead to the runs list. Counts of zero are left out.
 */
export function summaryChips(summary: HomeSummary, search: TenantsSearch): FilterChip[] {
  const chip = (value: string, label: string, changes: Partial<TenantsSearch>, current: boolean): FilterChip => ({
    value,
    label,
    href: routes.home(homeSearch.next(search, { ...attentionCleared, ...(current ? {} : changes) })),
    current,
  });
  const chips: FilterChip[] = [];
  const ready = summary.readiness.byOutcome.ready;
  if (ready > 0) chips.push(chip("ready", readyCount(summary.readiness, ready), { ready: "ready" }, search.ready === "ready"));
  const reasons = (Object.entries(summary.readiness.blockedByReason) as [ReasonCode, number][]).filter(([, n]) => n > 0).sort(([, a], [, b]) => b - a);
  for (const [reason, count] of reasons) {
    chips.push(chip(reason, countedReason(reason, count), { ready: "blocked", reason }, search.ready === "blocked" && search.reason === reason));
  }
  if (summary.running > 0) chips.push({ value: "running", label: `${summary.running} with active runs`, href: routes.operations({ status: "active" }), current: false });
  const failed = summary.failedLast24h.tenants;
  if (failed > 0) chips.push(chip("failed", `${failed} failed last night`, { failed: "24h" }, search.failed === "24h"));
  const secrets = summary.secretExpiry;
  // Tenants counted, not secrets: a readiness chip may already say "1 secret expired" for the chosen operation.
  const expiring: [NonNullable<TenantsSearch["secrets"]>, number, string][] = [
    ["expired", secrets.expired, `${secrets.expired} with an expired secret`],
    ["1d", secrets.within1Day, `${secrets.within1Day} with a secret expiring within a day`],
    ["7d", secrets.within7Days, `${secrets.within7Days} with a secret expiring within 7 days`],
    ["30d", secrets.within30Days, `${secrets.within30Days} with a secret expiring within 30 days`],
  ];
  for (const [window, count, label] of expiring) if (count > 0) chips.push(chip(`secrets-${window}`, label, { secrets: window }, search.secrets === window));
  const archived = summary.tenants.byStatus.archived;
  if (archived > 0) {
    chips.push(chip("archived", `${archived} ${describe({ tenantStatus: "archived" }).toLowerCase()}`, { status: "archived" }, search.status === "archived"));
  }
  return chips;
}

/**
 * Which operation's readiness the chips count and the readiness filter asks about: every bulk
 * operation of the catalogue, report kinds spelled out. Links, so the choice works without JavaScript;
 * the default (inventory sync) has the plain URL.
 */
export function operationChips(search: TenantsSearch): FilterChip[] {
  const chosen = bulkChoiceValue(homeReadinessOperation(search));
  const plain = bulkChoiceValue(defaultReadinessOperation);
  return bulkChoices.map((choice) => ({
    value: choice.value,
    label: choice.label,
    href: routes.home(homeSearch.next(search, { operation: choice.value === plain ? undefined : choice.value })),
    current: choice.value === chosen,
  }));
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
