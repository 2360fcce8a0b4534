import { Prisma, type Db } from "@tenantpilot/db";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { resolveSelection } from "@tenantpilot/dispatch-gate";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { notFound, rejectInput } from "../../errors";
import { recordAudit } from "@tenantpilot/dispatch-gate";

export interface TagView {
  id: string;
  name: string;
  /** Tenants in the tag that the viewer sees. */
  tenantCount: number;
}

/** The workspace's tags by name, each with how many of the viewer's tenants it holds. */
export async function listTags(db: Db, workspaceId: string, viewerUserId: string): Promise<TagView[]> {
  return db.$queryRaw<TagView[]>`
    SELECT g.id, g.name,
           (SELECT count(*)::int FROM tenant_tags tt JOIN tenants t ON t.id = tt.tenant_id
             WHERE tt.tag_id = g.id AND ${tenantVisibleTo(viewerUserId)}) AS "tenantCount"
      FROM tags g WHERE g.workspace_id = ${workspaceId}::uuid
     ORDER BY lower(g.name), g.id`;
}

export async function createTag(db: Db, actor: PersonActor, workspaceId: string, name: string): Promise<{ id: string; name: string }> {
  const tag = await uniqueName(() => db.tag.create({ data: { workspaceId, name }, select: { id: true, name: true } }));
  await recordAudit(db, { workspaceId, tenantId: null, actor, action: "tag.created", targetId: tag.id, details: { name } });
  return tag;
}

export async function renameTag(db: Db, actor: PersonActor, tagId: string, name: string): Promise<{ id: string; name: string }> {
  const before = await db.tag.findUniqueOrThrow({ where: { id: tagId }, select: { name: true, workspaceId: true } });
  const tag = await uniqueName(() => db.tag.update({ where: { id: tagId }, data: { name }, select: { id: true, name: true } }));
  await recordAudit(db, {
    workspaceId: before.workspaceId,
    tenantId: null,
    actor,
    action: "tag.renamed",
    targetId: tagId,
    details: { from: before.name, to: name },
  });
  return tag;
}

/** Deleting a tag takes every tenant out of it; the tenants themselves are untouched. */
export async function deleteTag(db: Db, actor: PersonActor, tagId: string): Promise<{ id: string }> {
  const tag = await db.tag.delete({ where: { id: tagId }, select: { id: true, name: true, workspaceId: true } });
  await recordAudit(db, { workspaceId: tag.workspaceId, tenantId: null, actor, action: "tag.deleted", targetId: tag.id, details: { name: tag.name } });
  return { id: tag.id };
}

/**
 * Puts tenants in a tag, or takes them out: one statement for all of them, one audit row. Every
 * tenant (slug or id) must be one the caller sees in the tag's workspace; otherwise NOT_FOUND, as
 * for a random key, and nothing changes.
 */
export async function changeTagMembers(
  db: Db,
  actor: PersonActor,
  tag: { id: string; workspaceId: string },
  keys: readonly string[],
  change: "add" | "remove",
): Promise<{ tagId: string; changed: number }> {
  const wanted = [...new Set(keys.map((key) => key.toLowerCase()))];
  const tenants = await resolveSelection(db, { visible: tenantVisibleTo(actor.userId), workspaceId: tag.workspaceId }, { kind: "tenants", tenants: wanted });
  if (tenants.length !== wanted.length) throw notFound("tenant");
  const ids = tenants.map((tenant) => tenant.id);
  const changed =
    change === "add"
      ? await db.$executeRaw`
          INSERT INTO tenant_tags (tag_id, tenant_id, workspace_id)
          SELECT ${tag.id}::uuid, id, ${tag.workspaceId}::uuid FROM unnest(${ids}::uuid[]) AS id
          ON CONFLICT DO NOTHING`
      : await db.$executeRaw`DELETE FROM tenant_tags WHERE tag_id = ${tag.id}::uuid AND tenant_id = ANY(${ids}::uuid[])`;
  await recordAudit(db, {
    workspaceId: tag.workspaceId,
    tenantId: ids.length === 1 ? (ids[0] ?? null) : null,
    actor,
    action: change === "add" ? "tag.tenants_added" : "tag.tenants_removed",
    targetId: tag.id,
    details: { tenantIds: ids, changed },
  });
  return { tagId: tag.id, changed };
}

/** A name already used in the workspace (whatever its case) is a field error, not a 500. */
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw rejectInput("name", "is already the name of a tag in this workspace");
    throw error;
  }
}
