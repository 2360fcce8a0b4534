import type { Db } from "@tenantpilot/db";
import { roleCapabilities, isRole } from "@tenantpilot/auth";
import {
  bulkStartInputs,
  cursorAfter,
  encodeTenantCursor,
  previewAll,
  selectTenants,
  toRunRef,
  type TenantCursor,
  type TenantOrder,
  type TenantScope,
} from "@tenantpilot/dispatch-gate";
import type { BulkOperation, PreviewResult, TenantFilter } from "@tenantpilot/dispatch-gate/contract";
import type { Page } from "../page-cursor";

export interface TenantListQuery {
  scope: TenantScope;
  viewerUserId: string;
  filter: TenantFilter;
  order: TenantOrder;
  after: TenantCursor | null;
  limit: number;
  /** Operations whose readiness each row carries. */
  readinessFor: readonly BulkOperation[];
}

interface DetailRow {
  id: string;
  role: string | null;
  tags: { id: string; name: string }[];
  active_runs: number;
  r_id: string | null;
  r_operation: string | null;
  r_status: string | null;
  r_reason_code: string | null;
  r_created_at: Date | null;
  r_finished_at: Date | null;
}

/**
 * One keyset page of the tenants the viewer sees, each with its tags, its last run, its active runs
 * and its readiness per operation. A constant number of statements whatever the page or the
 * workspace size: the page (selectTenants), the rows' details, the readiness of all of them at once.
 */
export async function listTenants(db: Db, query: TenantListQuery) {
  const { tenants, more } = await selectTenants(db, query.scope, { filter: query.filter, order: query.order, after: query.after, limit: query.limit });
  const ids = tenants.map((tenant) => tenant.id);
  const [details, readiness] = await Promise.all([pageDetails(db, ids, query.viewerUserId), pageReadiness(db, ids, query.readinessFor)]);
  const last = tenants[tenants.length - 1];
  return {
    items: tenants.map((tenant, index) => {
      const detail = details.get(tenant.id);
      const role = detail?.role && isRole(detail.role) ? detail.role : null;
      return {
        id: tenant.id,
        slug: tenant.slug,
        displayName: tenant.displayName,
        status: tenant.status,
        microsoftTenantId: tenant.microsoftTenantId,
        primaryDomain: tenant.primaryDomain,
        workspaceId: tenant.workspaceId,
        lastActivityAt: tenant.lastActivityAt,
        role,
        capabilities: role ? [...roleCapabilities[role]] : [],
        tags: detail?.tags ?? [],
        activeRuns: detail?.active_runs ?? 0,
        lastRun:
          detail?.r_id && detail.r_operation && detail.r_status
            ? {
                ...toRunRef({ id: detail.r_id, operation: detail.r_operation, status: detail.r_status }),
                reasonCode: detail.r_reason_code,
                createdAt: detail.r_created_at,
                finishedAt: detail.r_finished_at,
              }
            : null,
        readiness: query.readinessFor.map((what, opIndex) => ({
          ...what,
          result: readiness[index * query.readinessFor.length + opIndex] ?? null,
        })),
      };
    }),
    nextCursor: more && last ? encodeTenantCursor(cursorAfter(last, query.order)) : null,
  } satisfies Page<unknown>;
}

export type TenantListItem = Awaited<ReturnType<typeof listTenants>>["items"][number];

async function pageDetails(db: Db, ids: string[], viewerUserId: string): Promise<Map<string, DetailRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<DetailRow[]>`
    SELECT t.id, m.role,
           (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY lower(g.name)), '[]'::json)
              FROM tenant_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.tenant_id = t.id) AS tags,
           (SELECT count(*)::int FROM operation_runs a WHERE a.tenant_id = t.id AND a.status IN ('queued', 'running')) AS active_runs,
           r.id AS r_id, r.operation AS r_operation, r.status AS r_status, r.reason_code AS r_reason_code,
           r.created_at AS r_created_at, r.finished_at AS r_finished_at
      FROM tenants t
      LEFT JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = ${viewerUserId}::uuid
      LEFT JOIN LATERAL (
            SELECT o.id, o.operation, o.status, o.reason_code, o.created_at, o.finished_at FROM operation_runs o
             WHERE o.tenant_id = t.id ORDER BY o.created_at DESC, o.id DESC LIMIT 1) r ON true
     WHERE t.id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** Readiness of every (tenant, operation) of the page, from one read of contexts (two with connection checks). */
async function pageReadiness(db: Db, ids: string[], operations: readonly BulkOperation[]): Promise<(PreviewResult | null)[]> {
  if (ids.length === 0 || operations.length === 0) return [];
  const perOperation = await Promise.all(operations.map((what) => bulkStartInputs(db, ids, what, { kind: "system" })));
  // Row-major: tenant i, operation j at i * operations.length + j.
  const inputs = ids.flatMap((_, i) => perOperation.map((inputs) => inputs[i]!));
  return previewAll(db, inputs);
}
