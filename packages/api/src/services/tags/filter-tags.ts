import type { Db } from "@tenantpilot/db";
import type { TenantFilter } from "@tenantpilot/dispatch-gate/contract";
import { notFound } from "../../errors";

/** Where a filter's tags must belong: the one workspace listed or acted on, or any workspace the caller is a member of. */
export type TagOwner = { workspaceId: string } | { memberUserId: string };

/**
 * A tenant filter's tags are ids the caller supplies: each must be a tag the caller could have
 * picked, or the answer is NOT_FOUND "No such tag." — a deleted tag, another workspace's and a random
 * id alike. Read as a filter they would select no tenant: an empty list reads as "no tenant has this
 * tag", and a bulk start or a schedule would write an empty batch. One indexed count for any number.
 */
export async function requireFilterTags(db: Db, filter: TenantFilter, owner: TagOwner): Promise<void> {
  const tagIds = [...new Set([...(filter.tagId ? [filter.tagId] : []), ...(filter.tagIds ?? [])])];
  if (tagIds.length === 0) return;
  const within = "workspaceId" in owner ? { workspaceId: owner.workspaceId } : { workspace: { memberships: { some: { userId: owner.memberUserId } } } };
  if ((await db.tag.count({ where: { id: { in: tagIds }, ...within } })) !== tagIds.length) throw notFound("tag");
}
