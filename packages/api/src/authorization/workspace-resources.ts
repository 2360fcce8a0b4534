import { z } from "zod";
import { resolveWorkspaceAccess } from "@tenantpilot/auth";
import type { Capability } from "@tenantpilot/dispatch-gate/contract";
import { notFound, type HiddenResource } from "../errors";
import { authedProcedure } from "./authed";
import { requireCapability } from "./capability";
import { Uuid } from "@tenantpilot/dispatch-gate/contract";

// Workspace-owned rows addressed by their own id (tags, batches, schedules): the row's workspace is
// read first, then the caller's membership of it. A missing row and another workspace's row answer
// the same NOT_FOUND.

function workspaceRowProcedure<K extends string>(
  key: K,
  resource: HiddenResource,
  workspaceOf: (db: Parameters<typeof resolveWorkspaceAccess>[0], id: string) => Promise<string | undefined>,
) {
  return (capability: Capability) =>
    authedProcedure.input(z.object({ [key]: Uuid } as Record<K, typeof Uuid>)).use(async ({ ctx, input, next }) => {
      const id = (input as Record<K, string>)[key];
      const workspaceId = await workspaceOf(ctx.db, id);
      const workspace = workspaceId === undefined ? null : await resolveWorkspaceAccess(ctx.db, { userId: ctx.user.id, workspaceId });
      if (!workspace) throw notFound(resource);
      requireCapability(workspace, capability);
      return next({ ctx: { workspace } });
    });
}

/** Input `{ tagId }` → `ctx.workspace` of the tag's workspace. */
export const tagProcedure = workspaceRowProcedure("tagId", "tag", async (db, id) => (await db.tag.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId);

/** Input `{ batchId }` → `ctx.workspace` of the batch's workspace (its rows are still filtered to the caller's tenants). */
export const batchProcedure = workspaceRowProcedure(
  "batchId",
  "batch",
  async (db, id) => (await db.batch.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId,
);

/** Input `{ scheduleId }` → `ctx.workspace` of the schedule's workspace. */
export const scheduleProcedure = workspaceRowProcedure(
  "scheduleId",
  "schedule",
  async (db, id) => (await db.schedule.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId,
);
