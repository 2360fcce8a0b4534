import { z } from "zod";
import { resolveWorkspaceAccess, type WorkspaceAccess, type WorkspaceRef } from "@tenantpilot/auth";
import type { Capability } from "@tenantpilot/dispatch-gate/contract";
import { notFound } from "../errors";
import { authedProcedure } from "./authed";
import { requireCapability } from "./capability";
import { Uuid, isUuid } from "@tenantpilot/dispatch-gate/contract";

export const WorkspaceKey = z.string().trim().min(1).max(100);

function workspaceRef(userId: string, key: string): WorkspaceRef {
  return isUuid(key) ? { userId, workspaceId: key } : { userId, workspaceSlug: key.toLowerCase() };
}

/** Input `{ workspace }` (slug or id) → `ctx.workspace`: a member (else NOT_FOUND) whose role holds `capability`. */
export function workspaceProcedure(capability: Capability) {
  return authedProcedure.input(z.object({ workspace: WorkspaceKey })).use(async ({ ctx, input, next }) => {
    const workspace = await resolveWorkspaceAccess(ctx.db, workspaceRef(ctx.user.id, input.workspace));
    if (!workspace) throw notFound("workspace");
    requireCapability(workspace, capability);
    return next({ ctx: { workspace } });
  });
}

/**
 * Input `{ draftId }` → `ctx.workspace` of the draft's workspace. Drafts are shared by the
 * workspace's onboarding managers so that a colleague can resume one.
 */
export function draftProcedure(capability: Capability) {
  return authedProcedure.input(z.object({ draftId: Uuid })).use(async ({ ctx, input, next }) => {
    const draft = await ctx.db.onboardingDraft.findUnique({ where: { id: input.draftId }, select: { workspaceId: true } });
    const workspace: WorkspaceAccess | null = draft
      ? await resolveWorkspaceAccess(ctx.db, { userId: ctx.user.id, workspaceId: draft.workspaceId })
      : null;
    if (!workspace) throw notFound("draft");
    requireCapability(workspace, capability);
    return next({ ctx: { workspace } });
  });
}
