import { z } from "zod";
import type { Db } from "@tenantpilot/db";
import { attemptStateOf, describe, operationCatalog, ReasonCodeSchema, routes, RunStatusSchema, runHref } from "@tenantpilot/dispatch-gate/contract";
import { runListSelect, toRunListItem } from "./run-list-item";
import { boundConnection, runReason } from "./run-reason";

export type { RunReason } from "./run-reason";

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
      providerConnection: { select: { identityVersion: true, enabled: true, displayName: true } },
    },
  });
  const run = toRunListItem(row);
  const bound = boundConnection(row.connectionSnapshot);
  const reasonCode = ReasonCodeSchema.safeParse(row.reasonCode);
  const reason = withoutSelfLink(runReason(row, row.tenant.slug), row.id, row.tenant.slug);
  const audit = await db.auditLogEntry.findMany({
    // The accepted start's own row is the "Queued" event (below), named by who started it.
    where: { tenantId: row.tenant.id, targetKind: "operation_run", targetId: row.id, action: { not: "operation.accepted" } },
    select: { createdAt: true, action: true, actorUser: { select: { displayName: true } } },
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
    attempts: { attempt: row.attempt, maxAttempts: row.maxAttempts, ...attemptsOf(run, row) },
    heartbeatAt: row.heartbeatAt,
    timeline: timeline(row, audit, run.startedBy.name),
    diagnostics: row.diagnostics,
  };
}

/** What the worker records when it pauses before another attempt (beginRetry). */
const RetryRecords = z.object({
  retries: z.array(z.object({ attempt: z.number(), reason: z.string(), retryInMs: z.number(), at: z.coerce.date() })).optional(),
});

/** Final, or "will retry at …": from the run's attempt state and the catalogue's retry policy, in words. */
function attemptsOf(run: { operation: keyof typeof operationCatalog; status: z.infer<typeof RunStatusSchema> }, row: { attempt: number; maxAttempts: number; reasonCode: string | null; diagnostics: unknown }) {
  const retries = RetryRecords.safeParse(row.diagnostics).data?.retries ?? [];
  const state = attemptStateOf({ operation: run.operation, status: run.status, attempt: row.attempt, maxAttempts: row.maxAttempts, reasonCode: row.reasonCode, retries }, new Date());
  return { state, words: describe({ attempts: state, operation: run.operation }) };
}

/**
 * The run page is where an execution reason's "Open the run" leads: there it would be a link to the
 * page itself, so the next step becomes the tenant's page (where the operation starts again), and
 * Retry stays the page's own action.
 */
function withoutSelfLink<R extends { nextStep: { label: string; href: string } } | null>(reason: R, runId: string, tenantSlug: string): R {
  if (reason === null || reason.nextStep.href !== runHref(runId)) return reason;
  return { ...reason, nextStep: { label: "Open the tenant", href: routes.tenant(tenantSlug) } };
}

function timeline(
  row: { createdAt: Date; startedAt: Date | null; finishedAt: Date | null; status: string },
  audit: { createdAt: Date; action: string; actorUser: { displayName: string } | null }[],
  startedBy: string,
): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: row.createdAt, event: "queued", label: `${describe({ runStatus: "queued" })} by ${startedBy}` }];
  if (row.startedAt) events.push({ at: row.startedAt, event: "started", label: "Started" });
  for (const entry of audit) {
    const by = entry.actorUser ? ` by ${entry.actorUser.displayName}` : "";
    events.push({ at: entry.createdAt, event: entry.action, label: `${describe({ auditAction: entry.action })}${by}` });
  }
  const status = RunStatusSchema.safeParse(row.status);
  if (row.finishedAt) events.push({ at: row.finishedAt, event: row.status, label: status.success ? describe({ runStatus: status.data }) : row.status });
  // Lifecycle order, not timestamp order: the run's own times and the audit rows' come from
  // different writers, and a cancel's audit row belongs before the end it caused.
  return events;
}
