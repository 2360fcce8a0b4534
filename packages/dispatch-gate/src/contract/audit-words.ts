import type { BulkRollup } from "./batches";
import { assertNever, startOutcomes } from "./start-result";
import { auditCatalog, type ActorKind, type AuditRecord } from "./audit";
import { operationCatalog, type OperationId } from "./operations";
import type { ReasonCode, ReasonContext } from "./reasons";
import { scheduleWhen } from "./schedules";
import { describe, onboardingStepWords, outcomeWords } from "./words";

/** An audit row as the API hands it out: the typed record (null when unreadable), who, and its columns. */
export interface AuditEntryView {
  /** Null for a row this catalogue cannot read; it is shown as `action` recorded it. */
  record: AuditRecord | null;
  /** The action as stored. */
  action: string;
  actor: { kind: ActorKind; name: string | null };
  operation: OperationId | null;
  reason: ReasonCode | null;
}

/** An audit row in words, the same on the activity page, a run's timeline and the CLI. */
export interface AuditWords {
  /** What happened, e.g. "Client secret rotated". */
  title: string;
  /** The operation it concerned, e.g. "Sync inventory". */
  operation: string | null;
  /** Who: a person's name, "API token" or "Schedule (system)". */
  actor: string;
  /** One line: what happened and, when a person did it, by whom. */
  summary: string;
  /** The specifics the row recorded, as a sentence; null when there are none. */
  detail: string | null;
  /** A start the gate blocked (it created no run): surfaces mark it. */
  blocked: boolean;
}

/** The one formatter of audit rows. Every action has its case: a new action fails tsc until it has one. */
export function describeAuditEntry(entry: AuditEntryView, context: ReasonContext): AuditWords {
  const title = entry.record === null ? entry.action : auditCatalog[entry.record.action].words;
  const person = entry.actor.kind === "system" ? null : entry.actor.name;
  return {
    title,
    operation: entry.operation === null ? null : operationCatalog[entry.operation].label,
    actor: person ?? actorWords[entry.actor.kind],
    summary: person === null ? title : `${title} by ${person}`,
    detail: entry.record === null ? null : detailOf(entry.record, entry.reason, context),
    blocked: entry.record?.action === "operation.blocked",
  };
}


/** "3 tenants: 2 Queued, 1 Blocked." */
function rollupSentence(rollup: BulkRollup): string {
  const counts = startOutcomes.flatMap((outcome) => {
    const count = rollup.byOutcome[outcome] ?? 0;
    return count === 0 ? [] : [`${count} ${outcomeWords[outcome]}`];
  });
  return `${rollup.total} ${rollup.total === 1 ? "tenant" : "tenants"}${counts.length === 0 ? "" : `: ${counts.join(", ")}`}.`;
}

const actorWords: Record<ActorKind, string> = { user: "Former member", token: "API token", system: "Schedule (system)" };

function detailOf(record: AuditRecord, reason: ReasonCode | null, context: ReasonContext): string | null {
  switch (record.action) {
    case "operation.blocked":
      // The sentence recorded at the time (it may name specifics), else the reason's words now.
      return record.details.message || (reason === null ? null : describe({ reason, context }).message);
    case "run.cancelled":
    case "run.cancellation_requested":
    case "connection.primary_set":
    case "connection.disabled":
    case "onboarding.started":
    case "onboarding.connection_saved":
    case "onboarding.tenant_activated":
    case "onboarding.completed":
    case "tenant.archived":
    case "tenant.unarchived":
    case "schedule.paused":
    case "schedule.resumed":
    case "schedule.deleted":
    case "webhook.secret_rotated":
    case "webhook.removed":
      return null;
    case "operation.accepted": {
      const { connection, selectedItems } = record.details;
      return `Queued on connection “${connection.displayName}”${selectedItems === undefined ? "" : `, ${selectedItems} selected ${selectedItems === 1 ? "policy" : "policies"}`}.`;
    }
    case "webhook.configured": {
      const { host, enabled, created } = record.details;
      return `${created ? "Created" : "Changed"}: delivers to ${host}${enabled ? "" : " (paused)"}.`;
    }
    case "batch.started":
      return rollupSentence(record.details.rollup);
    case "tag.created":
    case "tag.deleted":
      return `“${record.details.name}”.`;
    case "tag.renamed":
      return `“${record.details.from}” → “${record.details.to}”.`;
    case "tag.tenants_added":
    case "tag.tenants_removed": {
      const { tenantIds, changed } = record.details;
      return `${changed} of ${tenantIds.length} ${tenantIds.length === 1 ? "tenant" : "tenants"} changed.`;
    }
    case "schedule.created":
    case "schedule.updated": {
      const { name, operation } = record.details;
      return `“${name}”: ${operationCatalog[operation].label}, ${scheduleWhen(record.details)}.`;
    }
    case "workspace.settings_changed": {
      const { timeZone, batchRunCap } = record.details;
      const parts = [timeZone === undefined ? null : `time zone ${timeZone}`, batchRunCap === undefined ? null : `batch run cap ${batchRunCap}`];
      const said = parts.filter((part) => part !== null).join("; ");
      return said === "" ? "No change." : `${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
    }
    case "connection.created": {
      const { clientId, isPrimary, hasSecret } = record.details;
      return `Client id ${clientId}${isPrimary ? ", primary" : ""}${hasSecret ? "" : ", no client secret yet"}.`;
    }
    case "connection.updated":
      return `Changed: ${record.details.changed.join(", ") || "nothing"} (identity version ${record.details.identityVersion}).`;
    case "connection.secret_rotated": {
      const { identityVersion, secretExpiresAt } = record.details;
      return `Identity version ${identityVersion}; ${secretExpiresAt === null ? "no expiry date given" : `expires ${secretExpiresAt.slice(0, 10)}`}.`;
    }
    case "onboarding.details_saved":
      return `Short name “${record.details.slug}”.`;
    case "onboarding.verify_started":
      return `The connection check answered: ${outcomeWords[record.details.outcome]}.`;
    case "onboarding.first_sync_started":
      return `The first sync answered: ${outcomeWords[record.details.outcome]}.`;
    case "onboarding.resumed":
      return `Resumed at “${onboardingStepWords[record.details.step]}”.`;
    case "onboarding.cancelled":
      return `Cancelled at “${onboardingStepWords[record.details.step]}”.`;
    default:
      return assertNever(record);
  }
}
