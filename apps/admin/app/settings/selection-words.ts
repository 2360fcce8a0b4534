import { describe, operationCatalog, type TenantSelection } from "@tenantpilot/dispatch-gate/contract";

/** Which tenants a saved selection covers, in the settings pages' words (tags named by the workspace's tag list). */
export function selectionWords(selection: TenantSelection, tags: readonly { id: string; name: string }[]): string {
  if (selection.kind === "tenants") return selection.tenants.length === 1 ? "1 named tenant" : `${selection.tenants.length} named tenants`;
  const { filter } = selection;
  const tag = filter.tagId === undefined ? undefined : tags.find((candidate) => candidate.id === filter.tagId);
  const which = filter.status === "active" ? "every active tenant" : filter.status === undefined || filter.status === "current" ? "every tenant" : `${filter.status} tenants`;
  const tagged = filter.tagId === undefined ? which : `tenants tagged “${tag?.name ?? "a removed tag"}”`;
  const ready = filter.readiness === undefined ? "" : ` ${describe({ preview: filter.readiness.outcome }).toLowerCase()} for ${operationCatalog[filter.readiness.operation].label}`;
  const search = filter.search === undefined ? "" : ` matching “${filter.search}”`;
  const words = `${tagged}${search}${ready}`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
