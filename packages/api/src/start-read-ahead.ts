import { z } from "zod";
import type { TRPCRequestInfo } from "@trpc/server/http";
import {
  sessionAndUserQueryFor,
  tenantAccessByKeyQuery,
  toTenantAccess,
  type SessionAndUserRow,
  type SessionReadKey,
  type SessionValidation,
  type TenantAccess,
  type TenantAccessRow,
  type TenantKeyRef,
  type TenantRef,
} from "@tenantpilot/auth";
import { isDatabaseUnavailable, Prisma, queryRows, StatementGroups, statementGroupsPerClient, type PrismaClient } from "@tenantpilot/db";
import {
  contextArgumentColumns,
  contextArgumentsOf,
  contextQueryOf,
  startContextCallFrom,
  type ContextArguments,
  type ContextRow,
  type StartContextRead,
} from "@tenantpilot/dispatch-gate";
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
  i: number;
  session_user_id: string | null;
  session_expires_at: Date | null;
  session_email: string | null;
  session_display_name: string | null;
  tenant_access: TenantAccessRow | null;
}

/** One request's read-ahead, as a group statement reads it (a row of its document). */
export interface ReadAheadPlan {
  session: SessionReadKey;
  tenant: TenantKeyRef;
  context: ContextArguments;
}

/**
 * Reads the session `sessionId`, the session user's access to the planned tenant and the start
 * context in one statement, and validates the session on that row (lucia: expired → removed,
 * half-way → renewed, as always). Null when it cannot be read ahead (an id that cannot exist):
 * the caller then validates the session as usual. Concurrent requests' reads go together
 * (readGroup, ADR 043); each request gets its own row.
 */
export async function readSessionAndStart(
  env: ApiEnvironment,
  sessionId: string,
  planned: PlannedStart,
): Promise<{ validation: SessionValidation; readAhead: StartReadAhead | undefined } | null> {
  const session = env.sessions.sessionReadKey(sessionId);
  if (!session) return null;
  // The tenant as the caller named it; the statement supplies the session's user.
  const tenant = tenantKeyRef(planned.tenant);
  // The gate names a tenant-wide target by the tenant's id, which a slug does not tell yet: a stand-in
  // id computes the read's arguments, and the gate uses the row only if its own are the same.
  const target = startTarget(planned.operation, planned.target);
  const query = contextQueryOf({
    tenantId: "tenantId" in tenant ? tenant.tenantId : UNKNOWN_TENANT_ID,
    operation: planned.operation,
    ...(target ? { target } : {}),
    initiator: { kind: "system" },
  });

  const row = await readGroupsOf(env.prisma).submit({ session, tenant, context: contextArgumentsOf(query) });
  const { i: _i, session_user_id, session_expires_at, session_email, session_display_name, tenant_access, ...context } = row;
  const sessionRow: SessionAndUserRow | null =
    session_user_id !== null && session_expires_at !== null
      ? { user_id: session_user_id, expires_at: session_expires_at, email: session_email ?? "", display_name: session_display_name ?? "" }
      : null;
  const validation = await env.sessions.validateSessionRead(sessionId, sessionRow);
  if (!validation.valid || !sessionRow) return { validation, readAhead: undefined };
  return {
    validation,
    readAhead: {
      ref: { userId: validation.user.id, ...tenant },
      access: tenant_access ? toTenantAccess(tenant_access) : null,
      // No context without access: the LATERAL call had no tenant, and its columns are null.
      context: context.tenant_id ? { query, row: context as ContextRow } : null,
    },
  };
}

/**
 * Read-aheads in flight per client: one. Reads take no locks, so more could go at once, but every
 * statement costs its parse, plan, socket write and the backend's wake-up whatever it reads; with one
 * out, the requests that arrive meanwhile share the next (≈ 4 per statement at 16 concurrent callers,
 * where two in flight made ≈ 2.6), and a request waits at most one read for its turn. Measured with
 * `npm run bench:http` (docs/benchmarks.md).
 */
const READS_IN_FLIGHT = 1;
/** Bounds one statement's document (a plan is ≈ 250 bytes). */
const MAX_GROUP = 64;
const readGroupsOf = statementGroupsPerClient(
  (db: PrismaClient) =>
    new StatementGroups<ReadAheadPlan, ReadAheadRow>((plans) => readGroup(db, plans), {
      inFlight: READS_IN_FLIGHT,
      maxGroup: MAX_GROUP,
      failsEveryPlan: isDatabaseUnavailable,
    }),
);

/** One statement for a group of read-aheads; a row per plan, in the plans' order. */
async function readGroup(db: PrismaClient, plans: readonly ReadAheadPlan[]): Promise<ReadAheadRow[]> {
  const rows = await queryRows<ReadAheadRow>(db, readAheadGroupQuery(plans));
  const byPlan = new Map(rows.map((row) => [row.i, row]));
  return plans.map((_, i) => {
    const row = byPlan.get(i);
    if (!row) throw new Error(`the start read-ahead answered no row for request ${i} of ${plans.length}`);
    return row;
  });
}

/**
 * The group's statement: a row per plan (`i`), whether or not its session, access or context exist
 * (LEFT JOINs from the plans), each read by the same indexed reads a request alone would make with
 * the plan's columns as their arguments. `OFFSET 0` keeps each read a subquery of its own, run per
 * plan through its index: flattened into one join, the planner may hash the whole of sessions or
 * tenants instead (exported for the plan test).
 */
export function readAheadGroupQuery(plans: readonly ReadAheadPlan[]): Prisma.Sql {
  const document = JSON.stringify(
    plans.map((plan, i) => ({
      i,
      session_id: plan.session.idHash,
      not_before: plan.session.notBefore,
      tenant_id: "tenantId" in plan.tenant ? plan.tenant.tenantId : null,
      tenant_slug: "tenantSlug" in plan.tenant ? plan.tenant.tenantSlug : null,
      ...plan.context,
    })),
  );
  const session = sessionAndUserQueryFor(Prisma.sql`r.session_id`, Prisma.sql`r.not_before`);
  const access = tenantAccessByKeyQuery(Prisma.sql`s.user_id`, { id: Prisma.sql`r.tenant_id`, slug: Prisma.sql`r.tenant_slug` });
  return Prisma.sql`
    SELECT r.i, s.user_id AS session_user_id, s.expires_at AS session_expires_at,
           s.email AS session_email, s.display_name AS session_display_name,
           to_jsonb(a) AS tenant_access, c.*
      FROM jsonb_to_recordset(${document}::jsonb)
           AS r(i int, session_id text, not_before timestamptz, tenant_id uuid, tenant_slug text, ${contextArgumentColumns})
      LEFT JOIN LATERAL (${session} OFFSET 0) s ON true
      LEFT JOIN LATERAL (${access} OFFSET 0) a ON true
      LEFT JOIN LATERAL ${startContextCallFrom(Prisma.sql`a.tenant_id`, "r")} c ON true`;
}
