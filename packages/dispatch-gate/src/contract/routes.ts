// The product's routes that next steps and run links point at; kept beside the reasons that use them.

/** The tenants list's search: its filter's status and text (tenants.list's `filter`). */
export interface TenantsSearch {
  status?: "onboarding" | "active" | "archived" | "all";
  search?: string;
}

/** The runs list (monitoring) and its CSV export: tenancy, status, operation and when it was started. */
export interface RunsSearch {
  tenant?: string;
  status?: string;
  operation?: string;
  /** ISO dates (inclusive bounds of created_at). */
  from?: string;
  to?: string;
}

/** The workspace's activity and its CSV export. */
export interface ActivitySearch {
  workspace?: string;
  tenant?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

function withSearch(path: string, search: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined && value !== "") params.set(key, value);
  const query = params.toString();
  return query === "" ? path : `${path}?${query}`;
}

export const routes = {
  /** The workspace home: the tenants list (archived tenants, with their Unarchive action, under status=archived). */
  home: (search: TenantsSearch = {}) => withSearch("/admin", { ...search }),
  tenant: (slug: string) => `/admin/t/${encodeURIComponent(slug)}`,
  tenantBackups: (slug: string) => `/admin/t/${encodeURIComponent(slug)}/backups`,
  connections: () => "/admin/provider-connections",
  connection: (id: string) => `/admin/provider-connections/${encodeURIComponent(id)}`,
  newConnection: (slug: string) => `/admin/provider-connections/new?tenant=${encodeURIComponent(slug)}`,
  onboarding: () => "/admin/onboarding",
  /** The wizard's first step, before any draft exists (a draft is made by its first save). */
  onboardingNew: (search: { workspace?: string } = {}) => withSearch("/admin/onboarding/new", { ...search }),
  onboardingDraft: (draftId: string) => `/admin/onboarding/${encodeURIComponent(draftId)}`,
  operations: (search: RunsSearch = {}) => withSearch("/admin/operations", { ...search }),
  /** The workspace's activity (audit log over every tenant the viewer sees). */
  activity: (search: ActivitySearch = {}) => withSearch("/admin/activity", { ...search }),
  /** CSV of the runs list with the same filters (served by the admin server, not a page). */
  operationsCsv: (search: RunsSearch = {}) => withSearch("/export/operations.csv", { ...search }),
  activityCsv: (search: ActivitySearch = {}) => withSearch("/export/activity.csv", { ...search }),
} as const;
