import type { Db } from "@tenantpilot/db";
import { attemptStateOf, describe, describeAuditEntry, operationCatalog, parseRunDiagnostics, ReasonCodeSchema, routes, type AuditEntryView, type Capability, type RunDiagnostics } from "@tenantpilot/dispatch-gate/contract";
import { auditEntrySelect, toAuditEntryView } from "./audit-view";
import { runListSelect, toRunListItem, type RunListItem } from "./run-list-item";
import { boundConnection, runReason } from "./run-reason";

export type { RunReason } from "./run-reason";

export interface TimelineEvent {
  at: Date;
  event: string;
  label: string;
}

/**
 * Everything monitoring shows for one run (authorization happened before), with what the caller's
 * role may do on the run's tenant: the page offers only those actions (no Cancel that answers 403).
 */
export async function runDetail(db: Db, runId: string, viewer: { capabilities: readonly Capability[] }) {
  const row = await db.operationRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      ...runListSelect,
      providerConnectionId: true,
      connectionSnapshot: true,
      reasonDetail: true,
      attempt: true,
      maxAttempts: true,
      heartbeatAt: true,
      diagnostics: true,
      providerConnection: { select: { identityVersion: true, enabled: true, displayName: true } },
    },
  });
  const run = toRunListItem(row);
  const bound = boundConnection(row.connectionSnapshot);
  const reasonCode = ReasonCodeSchema.safeParse(row.reasonCode);
  const reason = withoutSelfLink(runReason(row, row.tenant.slug), row.id, row.tenant.slug);
  const diagnostics = parseRunDiagnostics(row.diagnostics);
  const audit = await db.auditLogEntry.findMany({
    // The accepted start's own row is the "Queued" event (below), named by who started it.
    where: { tenantId: row.tenant.id, targetKind: "operation_run", targetId: row.id, action: { not: "operation.accepted" } },
    select: auditEntrySelect,
    orderBy: { createdAt: "asc" },
  });

  return {
    run: { ...run, initiator: { ...run.initiator, displayName: row.initiatorUser?.displayName ?? null } },
    scope: { key: row.scopeKey, label: operationCatalog[run.operation].scope.label },
    connection:
      bound === null
        ? null
        : {
            bound,
            /** The connection changed (secret rotated, client id replaced) or went away since admission. */
            changedSinceAdmission: row.providerConnection === null || row.providerConnection.identityVersion !== bound.identityVersion,
            enabledNow: row.providerConnection?.enabled ?? false,
          },
    reason,
    rawReasonCode: reasonCode.success ? null : row.reasonCode,
    counts: run.counts,
    attempts: { attempt: row.attempt, maxAttempts: row.maxAttempts, ...attemptsOf(run, row, diagnostics) },
    heartbeatAt: row.heartbeatAt,
    timeline: timeline(run, audit.map(toAuditEntryView), row.tenant.slug),
    diagnostics,
    capabilities: [...viewer.capabilities],
  };
}

/** Final, or "will retry at …": from the run's attempt state and the catalogue's retry policy, in words. */
function attemptsOf(
  run: Pick<RunListItem, "operation" | "status">,
  row: { attempt: number; maxAttempts: number; reasonCode: string | null },
  diagnostics: RunDiagnostics,
) {
  // The pauses the worker recorded before each further attempt (beginRetry).
  const retries = (diagnostics.retries ?? []).map((retry) => ({ ...retry, at: new Date(retry.at) }));
  const state = attemptStateOf({ operation: run.operation, status: run.status, attempt: row.attempt, maxAttempts: row.maxAttempts, reasonCode: row.reasonCode, retries }, new Date());
  return { state, words: describe({ attempts: state, operation: run.operation }) };
}

/**
 * The run page is where an execution reason's "Open the run" leads: there it would be a link to the
 * page itself, so the next step becomes the tenant's page (where the operation starts again), and
 * Retry stays the page's own action.
 */
function withoutSelfLink<R extends { nextStep: { label: string; href: string } } | null>(reason: R, runId: string, tenantSlug: string): R {
  if (reason === null || reason.nextStep.href !== routes.run(runId)) return reason;
  return { ...reason, nextStep: { label: "Open the tenant", href: routes.tenant(tenantSlug) } };
}

function timeline(
  run: Pick<RunListItem, "id" | "status" | "createdAt" | "startedAt" | "finishedAt" | "startedBy">,
  audit: (AuditEntryView & { createdAt: Date })[],
  tenantSlug: string,
): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: run.createdAt, event: "queued", label: `${describe({ runStatus: "queued" })} by ${run.startedBy.name}` }];
  if (run.startedAt) events.push({ at: run.startedAt, event: "started", label: "Started" });
  for (const entry of audit) {
    events.push({ at: entry.createdAt, event: entry.action, label: describeAuditEntry(entry, { tenantSlug, runId: run.id }).summary });
  }
  if (run.finishedAt) events.push({ at: run.finishedAt, event: run.status, label: describe({ runStatus: run.status }) });
  // Lifecycle order, not timestamp order: the run's own times and the audit rows' come from
  // different writers, and a cancel's audit row belongs before the end it caused.
  return events;
}
