import type { Viewer } from "@tenantpilot/api";
import { notFound } from "../api/not-found.server";

/**
 * Whose activity the page shows: the workspace the URL names (by slug or id), else the viewer's
 * first one that reads the audit log. A workspace the viewer cannot read is not found, like the API answers.
 */
export function activityWorkspace(viewer: Viewer | null | undefined, wanted: string | undefined) {
  const readable = (viewer?.workspaces ?? []).filter((workspace) => workspace.capabilities.includes("audit.read"));
  const workspace = wanted === undefined ? readable[0] : readable.find((candidate) => candidate.slug === wanted.toLowerCase() || candidate.id === wanted);
  if (!workspace) throw notFound("No such workspace.");
  return { workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name }, choices: readable.map(({ slug, name }) => ({ slug, name })) };
}
