import type { Db } from "@tenantpilot/db";
import {
  ConnectionRef,
  describeReason,
  operationCatalog,
  ReasonCodeSchema,
  type NextStep,
  type ReasonCode,
} from "@tenantpilot/dispatch-gate/contract";
import { runListSelect, toRunListItem } from "./run-list-item";

export interface RunReason {
  code: ReasonCode;
  message: string;
  nextStep: NextStep;
  /** Technical detail recorded by the worker; secondary to the message. */
  detail: string | null;
}

export interface TimelineEvent {
  at: Date;
  event: string;
  label: string;
}

/** Everything monitoring shows for one run (authorization happened before). */
export async function runDetail(db: Db, runId: string) {
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
      initiatorUser: { select: { displayName: true } },
      providerConnection: { select: { identityVersion: true, enabled: true, displayName: true } },
    },
  });
  const run = toRunListItem(row);
  const snapshot = ConnectionRef.safeParse(row.connectionSnapshot);
  const reasonCode = ReasonCodeSchema.safeParse(row.reasonCode);
  const reason: RunReason | null = reasonCode.success
    ? {
        code: reasonCode.data,
        ...describeReason(reasonCode.data, {
          tenantSlug: row.tenant.slug,
          connectionId: row.providerConnectionId ?? undefined,
          runId: row.id,
        }),
        detail: row.reasonDetail,
      }
    : null;
  const audit = await db.auditLogEntry.findMany({
    where: { tenantId: row.tenant.id, targetKind: "operation_run", targetId: row.id },
    select: { createdAt: true, action: true, actorUser: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });

  return {
    run: { ...run, initiator: { ...run.initiator, displayName: row.initiatorUser?.displayName ?? null } },
    scope: { key: row.scopeKey, label: operationCatalog[run.operation].scope.label },
    connection: snapshot.success
      ? {
          bound: snapshot.data,
          /** The connection changed (secret rotated, client id replaced) or went away since admission. */
          changedSinceAdmission:
            row.providerConnection === null || row.providerConnection.identityVersion !== snapshot.data.identityVersion,
          enabledNow: row.providerConnection?.enabled ?? false,
        }
      : null,
    reason,
    rawReasonCode: reasonCode.success ? null : row.reasonCode,
    counts: run.counts,
    attempts: { attempt: row.attempt, maxAttempts: row.maxAttempts },
    heartbeatAt: row.heartbeatAt,
    timeline: timeline(row, audit),
    diagnostics: row.diagnostics,
  };
}

const auditWords: Record<string, string> = { "run.cancelled": "Cancelled", "run.cancellation_requested": "Cancellation requested" };
const statusWords: Record<string, string> = {
  succeeded: "Succeeded",
  partially_succeeded: "Partially succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

function timeline(
  row: { createdAt: Date; startedAt: Date | null; finishedAt: Date | null; status: string },
  audit: { createdAt: Date; action: string; actorUser: { displayName: string } | null }[],
): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: row.createdAt, event: "queued", label: "Queued" }];
  if (row.startedAt) events.push({ at: row.startedAt, event: "started", label: "Started" });
  for (const entry of audit) {
    const by = entry.actorUser ? ` by ${entry.actorUser.displayName}` : "";
    events.push({ at: entry.createdAt, event: entry.action, label: `${auditWords[entry.action] ?? entry.action}${by}` });
  }
  if (row.finishedAt) events.push({ at: row.finishedAt, event: row.status, label: statusWords[row.status] ?? row.status });
  // Lifecycle order, not timestamp order: the run's own times and the audit rows' come from
  // different writers, and a cancel's audit row belongs before the end it caused.
  return events;
}
