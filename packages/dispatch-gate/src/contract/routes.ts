import type { OperationId } from "./operations";
import type { ReasonCode } from "./reasons";
import type { RunStatus } from "./runs";
import type { SecretExpiryWindow } from "./selection";
import type { PreviewOutcome } from "./start-result";
import type { ReportKind } from "./targets";
import type { WebhookDeliveryStatus } from "./webhooks";

// Every URL of the admin app is built here, and only here: pages, links, redirects, next steps,
// run links and notifications call these builders, so a path segment is always encoded and a
// page's search parameters have one spelling. Browser-safe (no node:*), like the rest of the contract.

/**
 * A page's search parameters. Absent and empty values are left out, so that one state of a page has
 * one URL; a list (a multi-select filter) repeats its parameter (`?tag=a&tag=b`).
 */
export type SearchParams = Readonly<Record<string, SearchValue>>;
type SearchValue = string | readonly string[] | undefined;

/** `path` with the given search parameters, in the order given. */
export function withSearch<S extends { readonly [K in keyof S]: SearchValue }>(path: string, search: S): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries<SearchValue>(search)) {
    if (typeof value === "string") {
      if (value !== "") params.set(key, value);
    } else if (value !== undefined) {
      for (const item of value) if (item !== "") params.append(key, item);
    }
  }
  const query = params.toString();
  return query === "" ? path : `${path}?${query}`;
}

/**
 * The tenants list (the workspace home): its filter (tenants.list's `filter`: status, text, tags, readiness
 * for one operation — `operation` a bulk operation as the bulk form spells it, "inventory.sync" when
 * absent; `ready` the outcome, `reason` the blocking reason — a run failed in the last 24 hours, a client
 * secret expired or expiring), its sort and page, and the workspace when the viewer has several.
 */
export interface TenantsSearch {
  workspace?: string | undefined;
  status?: "onboarding" | "active" | "archived" | "all" | undefined;
  search?: string | undefined;
  tag?: readonly string[] | undefined;
  operation?: string | undefined;
  ready?: PreviewOutcome | undefined;
  reason?: ReasonCode | undefined;
  failed?: "24h" | undefined;
  secrets?: SecretExpiryWindow | undefined;
  sort?: "name" | "activity" | undefined;
  cursor?: string | undefined;
}

/** A batch's rows: only the blocked ones, or only those whose run failed; a page of them. */
export interface BatchSearch {
  show?: "blocked" | "failed" | undefined;
  cursor?: string | undefined;
}

/** The runs list (monitoring) and its CSV export: "active" is queued + running; from/to are ISO dates (inclusive bounds of created_at). */
export interface RunsSearch {
  tenant?: string | undefined;
  /** The tenant picker's text: it offers the tenants matching it (past the first 200 by name). Filters no run. */
  find?: string | undefined;
  status?: RunStatus | "active" | undefined;
  operation?: OperationId | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
}

/** A tenant's inventory: policy type, text search, page. */
export interface InventorySearch {
  type?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
}

/** A tenant's directory: one search over users and groups, each table with its own page. */
export interface DirectorySearch {
  q?: string | undefined;
  users?: string | undefined;
  groups?: string | undefined;
}

/** The provider connections list: text search (tenant name or slug, connection name), page. */
export interface ConnectionsSearch {
  q?: string | undefined;
  cursor?: string | undefined;
}

export interface ReportsSearch {
  kind?: ReportKind | undefined;
  cursor?: string | undefined;
}

/** A tenant's activity page. */
export interface ActivitySearch {
  show?: "blocked" | undefined;
  cursor?: string | undefined;
}

/** The workspace's activity (every tenant the viewer sees) and its CSV export. */
export interface WorkspaceActivitySearch {
  workspace?: string | undefined;
  tenant?: string | undefined;
  /** The tenant picker's text, as in RunsSearch. */
  find?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
}

export interface PageSearch {
  cursor?: string | undefined;
}

/** The workspace settings page (time zone, batch run cap, schedules): which workspace, and a schedule's deletion asked there. */
export interface SettingsSearch {
  workspace?: string | undefined;
  confirm?: "delete" | undefined;
  schedule?: string | undefined;
}

/** The workspace's webhook page: which workspace, its removal asked there, the delivery log's filter and page. */
export interface WebhookSearch {
  workspace?: string | undefined;
  confirm?: "remove" | undefined;
  status?: WebhookDeliveryStatus | undefined;
  cursor?: string | undefined;
}

/** A destructive action's confirmation, asked on the page itself (works without JavaScript). */
export interface ConfirmSearch<Action extends string> {
  confirm?: Action | undefined;
}

const adminPath = "/admin";
const tenantsPath = `${adminPath}/t/`;
const operationsPath = `${adminPath}/operations`;
const connectionsPath = `${adminPath}/provider-connections`;
const onboardingPath = `${adminPath}/onboarding`;
const batchesPath = `${adminPath}/batches`;
const activityPath = `${adminPath}/activity`;
const settingsPath = `${adminPath}/settings`;
const exportPath = "/export";

const segment = (value: string) => encodeURIComponent(value);
const tenantPath = (slug: string) => `${tenantsPath}${segment(slug)}`;

export const routes = {
  /** The workspace home: the tenants list (archived tenants, with their Unarchive action, under status=archived). */
  home: (search: TenantsSearch = {}) => withSearch(adminPath, search),
  login: (search: { redirectTo?: string | undefined } = {}) => withSearch("/login", search),
  logout: () => "/logout",

  tenant: (slug: string) => tenantPath(slug),
  tenantInventory: (slug: string, search: InventorySearch = {}) => withSearch(`${tenantPath(slug)}/inventory`, search),
  tenantDirectory: (slug: string, search: DirectorySearch = {}) => withSearch(`${tenantPath(slug)}/directory`, search),
  tenantBackups: (slug: string, search: PageSearch = {}) => withSearch(`${tenantPath(slug)}/backups`, search),
  backupSet: (slug: string, setId: string, search: ConfirmSearch<"restore"> = {}) =>
    withSearch(`${tenantPath(slug)}/backups/${segment(setId)}`, search),
  tenantReports: (slug: string, search: ReportsSearch = {}) => withSearch(`${tenantPath(slug)}/reports`, search),
  report: (slug: string, reportId: string) => `${tenantPath(slug)}/reports/${segment(reportId)}`,
  tenantActivity: (slug: string, search: ActivitySearch = {}) => withSearch(`${tenantPath(slug)}/activity`, search),

  operations: (search: RunsSearch = {}) => withSearch(operationsPath, search),
  run: (runId: string, search: ConfirmSearch<"retry"> = {}) => withSearch(`${operationsPath}/${segment(runId)}`, search),

  connections: (search: ConnectionsSearch = {}) => withSearch(connectionsPath, search),
  connection: (id: string, search: ConfirmSearch<"disable"> = {}) => withSearch(`${connectionsPath}/${segment(id)}`, search),
  /** tenant: preselected; find: the picker shows the tenants matching this text (past the first 200 by name). */
  newConnection: (search: { tenant?: string | undefined; find?: string | undefined } = {}) => withSearch(`${connectionsPath}/new`, search),
  /** Where Microsoft Entra returns an administrator after the admin consent prompt. */
  connectionConsent: () => `${connectionsPath}/consent`,

  /** Bulk starts over many tenants, and one of them with its rows. */
  batches: (search: PageSearch = {}) => withSearch(batchesPath, search),
  batch: (batchId: string, search: BatchSearch = {}) => withSearch(`${batchesPath}/${segment(batchId)}`, search),

  onboarding: () => onboardingPath,
  /** The wizard's first step, before any draft exists (a draft is made by its first save). */
  onboardingNew: (search: { workspace?: string | undefined } = {}) => withSearch(`${onboardingPath}/new`, search),
  onboardingDraft: (draftId: string, search: ConfirmSearch<"discard"> = {}) => withSearch(`${onboardingPath}/${segment(draftId)}`, search),

  /** The workspace's settings: time zone, batch run cap and schedules. */
  settings: (search: SettingsSearch = {}) => withSearch(settingsPath, search),
  newSchedule: (search: { workspace?: string | undefined } = {}) => withSearch(`${settingsPath}/schedules/new`, search),
  schedule: (scheduleId: string, search: { workspace?: string | undefined } = {}) => withSearch(`${settingsPath}/schedules/${segment(scheduleId)}`, search),
  /** The workspace's outbound webhook and its delivery log (owners). */
  webhook: (search: WebhookSearch = {}) => withSearch(`${settingsPath}/webhook`, search),

  /** The workspace's activity (audit log over every tenant the viewer sees). */
  activity: (search: WorkspaceActivitySearch = {}) => withSearch(activityPath, search),
  /** CSV of the runs list and of the activity with the same filters (served by the admin server, not a page). */
  operationsCsv: (search: RunsSearch = {}) => withSearch(`${exportPath}/operations.csv`, search),
  activityCsv: (search: WorkspaceActivitySearch = {}) => withSearch(`${exportPath}/activity.csv`, search),
} as const;

/** The main sections of the admin app, for navigation's "you are here": tenant pages count as the home's. */
export function sectionOf(pathname: string): "home" | "operations" | "activity" | "connections" | "onboarding" | "settings" | undefined {
  if (pathname.startsWith(operationsPath) || pathname.startsWith(batchesPath)) return "operations";
  if (pathname.startsWith(activityPath)) return "activity";
  if (pathname.startsWith(connectionsPath)) return "connections";
  if (pathname.startsWith(onboardingPath)) return "onboarding";
  if (pathname.startsWith(settingsPath)) return "settings";
  if (pathname === adminPath || pathname === `${adminPath}/` || pathname.startsWith(tenantsPath)) return "home";
  return undefined;
}
