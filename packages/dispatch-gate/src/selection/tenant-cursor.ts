import { isUuid } from "../contract";
// Keyset positions of the tenants list: (display_name, id) ascending, or (tenant_activity.last_activity_at,
// tenant_id) descending. Opaque to clients; a cursor carries only the sort key of the last row shown, so one
// naming a tenant the caller cannot see reveals nothing (the query stays filtered to visible rows).

export const tenantOrders = ["name", "activity"] as const;
export type TenantOrder = (typeof tenantOrders)[number];

export type TenantCursor = { order: "name"; name: string; id: string } | { order: "activity"; at: Date; id: string };

export function encodeTenantCursor(cursor: TenantCursor): string {
  const key = cursor.order === "name" ? cursor.name : cursor.at.toISOString();
  return Buffer.from(JSON.stringify([cursor.order, key, cursor.id]), "utf8").toString("base64url");
}

/** null: not a cursor of this list (the caller answers BAD_REQUEST naming the field). */
export function decodeTenantCursor(text: string): TenantCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [order, key, id] = parsed as unknown[];
  if (typeof key !== "string" || typeof id !== "string" || !isUuid(id)) return null;
  if (order === "name") return { order, name: key, id };
  if (order === "activity") {
    const at = new Date(key);
    return Number.isNaN(at.getTime()) ? null : { order, at, id };
  }
  return null;
}
