import { listGroups, listUsers } from "@tenantpilot/provider-graph";
import type { RunContext, WorkOutcome } from "../execution/run-context";

interface DirectoryRow {
  kind: "user" | "group";
  external_id: string;
  display_name: string;
  principal_name: string | null;
  payload: unknown;
}

/** Sync directory: users and groups, upserted into directory_objects. */
export async function syncDirectory(ctx: RunContext): Promise<WorkOutcome> {
  const users = await listUsers(ctx.graph);
  const userChanges = await upsertDirectory(
    ctx,
    users.items.map((user) => ({ kind: "user", external_id: user.id, display_name: user.displayName, principal_name: user.userPrincipalName, payload: user })),
  );
  const usersSyncedAt = new Date().toISOString();
  await ctx.progress({ seen: users.items.length, changed: userChanges }, { directory: { users: { items: users.items.length, syncedAt: usersSyncedAt } } });

  const groups = await listGroups(ctx.graph);
  const groupChanges = await upsertDirectory(
    ctx,
    groups.items.map((group) => ({ kind: "group", external_id: group.id, display_name: group.displayName, principal_name: group.mail ?? null, payload: group })),
  );
  const truncated = users.truncated || groups.truncated;
  return {
    status: truncated ? "partially_succeeded" : "succeeded",
    counts: { seen: users.items.length + groups.items.length, changed: userChanges + groupChanges, failed: 0 },
    ...(truncated ? { detail: "The directory listing stopped at its page limit." } : {}),
    diagnostics: {
      directory: {
        users: { items: users.items.length, truncated: users.truncated, syncedAt: usersSyncedAt },
        groups: { items: groups.items.length, truncated: groups.truncated, syncedAt: new Date().toISOString() },
      },
    },
  };
}

async function upsertDirectory(ctx: RunContext, objects: DirectoryRow[]): Promise<number> {
  if (objects.length === 0) return 0;
  // See inventory-sync: `previous` reads the state before the upsert in the same snapshot.
  const rows = await ctx.prisma.$queryRaw<{ changed: number }[]>`
    WITH incoming AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(objects)}::jsonb)
        AS x(kind text, external_id text, display_name text, principal_name text, payload jsonb)
    ), previous AS (
      SELECT d.kind, d.external_id, d.display_name, d.principal_name, d.payload
        FROM directory_objects d JOIN incoming USING (kind, external_id)
       WHERE d.tenant_id = ${ctx.tenant.id}::uuid
    ), upserted AS (
      INSERT INTO directory_objects (tenant_id, kind, external_id, display_name, principal_name, payload, last_seen_at)
      SELECT ${ctx.tenant.id}::uuid, kind, external_id, display_name, principal_name, payload, now() FROM incoming
      ON CONFLICT (tenant_id, kind, external_id) DO UPDATE
        SET display_name = EXCLUDED.display_name, principal_name = EXCLUDED.principal_name, payload = EXCLUDED.payload,
            last_seen_at = EXCLUDED.last_seen_at
      RETURNING 1
    )
    SELECT count(*) FILTER (
             WHERE p.external_id IS NULL
                OR p.display_name IS DISTINCT FROM n.display_name
                OR p.principal_name IS DISTINCT FROM n.principal_name
                OR p.payload IS DISTINCT FROM n.payload)::int AS changed
      FROM incoming n LEFT JOIN previous p USING (kind, external_id)`;
  return rows[0]?.changed ?? 0;
}
