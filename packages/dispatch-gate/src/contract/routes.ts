// The product's routes that next steps and run links point at; kept beside the reasons that use them.
export const routes = {
  tenant: (slug: string) => `/admin/t/${encodeURIComponent(slug)}`,
  tenantBackups: (slug: string) => `/admin/t/${encodeURIComponent(slug)}/backups`,
  connections: () => "/admin/provider-connections",
  connection: (id: string) => `/admin/provider-connections/${encodeURIComponent(id)}`,
  newConnection: (slug: string) => `/admin/provider-connections/new?tenant=${encodeURIComponent(slug)}`,
  onboarding: () => "/admin/onboarding",
  operations: () => "/admin/operations",
} as const;
