import { z } from "zod";
import type { TRPCRequestInfo } from "@trpc/server/http";
import {
  tenantAccessQueryFor,
  toTenantAccess,
  type SessionAndUserRow,
  type SessionValidation,
  type TenantAccess,
  type TenantAccessRow,
  type TenantKeyRef,
  type TenantRef,
} from "@tenantpilot/auth";
import { Prisma, queryRows } from "@tenantpilot/db";
import { contextQueryOf, startContextCall, type ContextRow, type StartContextRead } from "@tenantpilot/dispatch-gate";
import { OperationIdSchema } from "@tenantpilot/dispatch-gate/contract";
import { TenantKey, tenantKeyRef } from "./authorization/tenant";
import type { ApiEnvironment } from "./context";
import { findTextProblem } from "./input-text";
import { startTarget, TargetId } from "./routers/operations/start-target";

// operations.start over HTTP reads the caller's session, their access to the tenant and the
// start context in ONE statement instead of three (ADR 023). Nothing is decided here: lucia
// still judges the session, authorizeTenant the access (404/403) and the gate the start, each on
// the rows this statement read — and each reads for itself whenever what it is asked differs
// from what was read ahead. Admission is never read ahead: it is the statement that decides.

const START_PATH = "operations.start";
const UNKNOWN_TENANT_ID = "00000000-0000-0000-0000-000000000000";

/** The parts of operations.start's input that decide what it reads (the procedure's own schemas). */
const PlannedStartInput = z.object({ tenant: TenantKey, operation: OperationIdSchema, target: TargetId.optional() });
export type PlannedStart = z.infer<typeof PlannedStartInput>;

/**
 * The input of a request that is exactly one operations.start call, when it is well-formed;
 * undefined for anything else. Malformed input is not read ahead: the procedure refuses it itself.
 */
export async function plannedStartOf(info: TRPCRequestInfo | undefined): Promise<PlannedStart | undefined> {
  const call = info?.calls.length === 1 ? info.calls[0] : undefined;
  if (call?.path !== START_PATH) return undefined;
  let raw: unknown;
  try {
    raw = await call.getRawInput();
  } catch {
    return undefined; // the procedure meets the same (memoised) error and answers it
  }
  if (findTextProblem(raw)) return undefined;
  const parsed = PlannedStartInput.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** What was read ahead for a valid session's operations.start. */
export interface StartReadAhead {
  /** The tenant as the caller named it, for that caller. */
  ref: TenantRef;
  /** resolveTenantAccess's answer: null when the caller may not see the tenant. */
  access: TenantAccess | null;
  /** The gate's start context; null when there was no tenant to read it for. */
  context: StartContextRead | null;
}

/** The access read ahead for exactly this caller and tenant; undefined when it was not read ahead. */
export function readAheadAccess(readAhead: StartReadAhead | undefined, ref: TenantRef): TenantAccess | null | undefined {
  if (!readAhead || readAhead.ref.userId !== ref.userId || tenantKeyOf(readAhead.ref) !== tenantKeyOf(ref)) return undefined;
  return readAhead.access;
}

function tenantKeyOf(ref: TenantKeyRef): string {
  return "tenantId" in ref ? `id:${ref.tenantId}` : `slug:${ref.tenantSlug}`;
}

interface ReadAheadRow extends Partial<ContextRow> {
  session_user_id: string;
  session_expires_at: Date;
  session_email: string;
  session_display_name: string;
  tenant_access: TenantAccessRow | null;
}

/**
 * Reads the session `sessionId`, the session user's access to the planned tenant and the start
 * context in one statement, and validates the session on that row (lucia: expired → removed,
 * half-way → renewed, as always). Null when it cannot be read ahead (an id that cannot exist):
 * the caller then validates the session as usual.
 */
export async function readSessionAndStart(
  env: ApiEnvironment,
  sessionId: string,
  planned: PlannedStart,
): Promise<{ validation: SessionValidation; readAhead: StartReadAhead | undefined } | null> {
  const sessionQuery = env.sessions.sessionReadQuery(sessionId);
  // The tenant as the caller named it; the statement supplies the session's user.
  const tenant = tenantKeyRef(planned.tenant);
  const accessQuery = tenantAccessQueryFor(Prisma.sql`s.user_id`, tenant);
  if (!sessionQuery || !accessQuery) return null;
  // The gate names a tenant-wide target by the tenant's id, which a slug does not tell yet: a stand-in
  // id computes the read's arguments, and the gate uses the row only if its own are the same.
  const target = startTarget(planned.operation, planned.target);
  const query = contextQueryOf({
    tenantId: "tenantId" in tenant ? tenant.tenantId : UNKNOWN_TENANT_ID,
    operation: planned.operation,
    ...(target ? { target } : {}),
    initiator: { kind: "system" },
  });

  const rows = await queryRows<ReadAheadRow>(
    env.prisma,
    Prisma.sql`
    SELECT s.user_id AS session_user_id, s.expires_at AS session_expires_at,
           s.email AS session_email, s.display_name AS session_display_name,
           to_jsonb(a) AS tenant_access, c.*
      FROM (${sessionQuery}) s
      LEFT JOIN LATERAL (${accessQuery}) a ON true
      LEFT JOIN LATERAL ${startContextCall(Prisma.sql`a.tenant_id`, query)} c ON true`,
  );
  const row = rows[0];
  const sessionRow: SessionAndUserRow | null = row
    ? { user_id: row.session_user_id, expires_at: row.session_expires_at, email: row.session_email, display_name: row.session_display_name }
    : null;
  const validation = await env.sessions.validateSessionRead(sessionId, sessionRow);
  if (!validation.valid || !row) return { validation, readAhead: undefined };
  return {
    validation,
    readAhead: {
      ref: { userId: validation.user.id, ...tenant },
      access: row.tenant_access ? toTenantAccess(row.tenant_access) : null,
      context: row.tenant_id ? { query, row: row as ContextRow } : null,
    },
  };
}
