import type { AppLoadContext } from "@remix-run/node";
import { notFound } from "../api/not-found.server";

/**
 * The workspace a settings page is about: the one named by `?workspace=` (slug), else the viewer's
 * first. A workspace the viewer is not a member of is the same 404 as one that does not exist.
 */
export function settingsWorkspace(request: Request, context: AppLoadContext) {
  const wanted = new URL(request.url).searchParams.get("workspace");
  const workspaces = context.viewer?.workspaces ?? [];
  const workspace = wanted === null ? workspaces[0] : workspaces.find((candidate) => candidate.slug === wanted);
  if (!workspace) throw notFound("No such workspace.");
  return {
    id: workspace.id,
    slug: workspace.slug,
    name: workspace.name,
    /** The pages hide what the role cannot use; the API still decides (403). */
    canManageSchedules: workspace.capabilities.includes("schedules.manage"),
    canManageWebhook: workspace.capabilities.includes("webhooks.manage"),
    /** The workspace is named in links only when the viewer has several. */
    linkSearch: workspaces.length > 1 ? { workspace: workspace.slug } : {},
  };
}
export type SettingsWorkspace = ReturnType<typeof settingsWorkspace>;
