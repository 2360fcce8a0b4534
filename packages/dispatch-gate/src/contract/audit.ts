import { z } from "zod";
import { BulkRollup } from "./batches";
import { onboardingSteps } from "./onboarding";
import { ScheduleTiming } from "./schedules";
import { bulkOperationFields, TenantSelection } from "./selection";
import type { OperationId, TargetKind } from "./operations";
import type { ReasonCode } from "./reasons";
import { startOutcomes } from "./start-result";

// The audit vocabulary: every action the audit log records, with its words and the details it
// carries, in one catalogue. Writers (the gate, the run lifecycle, the API's services) go through
// `recordAudit` with an `AuditEntry`, whose details the catalogue types per action; readers get an
// `AuditRecord` from `parseAuditRecord` and words from `describeAuditEntry`. Details never hold
// secrets: names of changed fields, ids, states.

/** Who did something: a person in a browser session, a person through an API token, or the system (schedules, the reaper). */
export const Actor = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: z.string() }),
  z.object({ kind: z.literal("token"), userId: z.string(), tokenId: z.string() }),
  z.object({ kind: z.literal("system") }),
]);
export type Actor = z.infer<typeof Actor>;
export type ActorKind = Actor["kind"];
/** An actor who is a person (directly or through a token): every authenticated API caller. */
export type PersonActor = Exclude<Actor, { kind: "system" }>;

/** A run's initiator as operation_runs records it: the runs a token starts belong to its user. */
export function runInitiatorOf(actor: Actor): { kind: "user"; userId: string } | { kind: "system" } {
  return actor.kind === "system" ? { kind: "system" } : { kind: "user", userId: actor.userId };
}

/** What an audit row is about: a fixed kind per action, or — for a blocked start — the target the start named. */
type AuditTarget =
  | "operation_run"
  | "batch"
  | "provider_connection"
  | "onboarding_draft"
  | "tenant"
  | "tag"
  | "schedule"
  | "workspace"
  | "webhook"
  | "start_target";

interface AuditActionDefinition {
  /** Operator words for the action (activity log, run timeline, CLI). */
  words: string;
  target: AuditTarget;
  /** The details the action records (beside the actor and the columns). */
  details: z.ZodObject;
}

const none = z.object({});
const startOutcome = z.enum(startOutcomes);
/** What a schedule starts, on which tenants, and when: recorded whole when it is created or changed. */
const scheduleSpec = ScheduleTiming.extend({ ...bulkOperationFields, selection: TenantSelection });
/** The connection's name when the row was written: the activity log names a connection renamed or removed since (rows before it was recorded lack it). */
const connectionNamed = z.object({ name: z.string().optional() });
const tagMembers = z.object({ tenantIds: z.array(z.string()), changed: z.number() });

export const auditCatalog = {
  "operation.blocked": {
    words: "Start blocked",
    target: "start_target",
    details: z.object({
      /** The sentence the start answered, as it was then (it may name specifics). */
      message: z.string(),
      missingPermissions: z.array(z.string()).optional(),
      /** The bulk start this tenant's answer belongs to. */
      batchId: z.string().optional(),
    }),
  },
  /**
   * Written by the admission statement itself (packages/dispatch-gate/src/admission.ts), so an
   * accepted start and its audit row exist together or not at all; the connection is named as it
   * was, so the activity log can say it after a rename or removal.
   */
  "operation.accepted": {
    words: "Start accepted (queued)",
    target: "operation_run",
    details: z.object({
      target: z.object({ kind: z.string(), id: z.string() }),
      connection: z.object({ id: z.string(), displayName: z.string() }),
      selectedItems: z.number().optional(),
    }),
  },
  /** One row per bulk start (its blocked tenants have their own operation.blocked rows). */
  "batch.started": { words: "Bulk start", target: "batch", details: z.object({ rollup: BulkRollup }) },
  "run.cancelled": { words: "Run cancelled", target: "operation_run", details: none },
  "run.cancellation_requested": { words: "Cancellation requested", target: "operation_run", details: none },
  "connection.created": {
    words: "Connection added",
    target: "provider_connection",
    details: connectionNamed.extend({ clientId: z.string(), isPrimary: z.boolean(), hasSecret: z.boolean() }),
  },
  "connection.updated": {
    words: "Connection changed",
    target: "provider_connection",
    details: connectionNamed.extend({ changed: z.array(z.string()), identityVersion: z.number() }),
  },
  "connection.secret_rotated": {
    words: "Client secret rotated",
    target: "provider_connection",
    details: connectionNamed.extend({ identityVersion: z.number(), secretExpiresAt: z.string().nullable() }),
  },
  "connection.primary_set": { words: "Primary connection set", target: "provider_connection", details: connectionNamed },
  "connection.disabled": { words: "Connection disabled", target: "provider_connection", details: connectionNamed },
  "onboarding.started": { words: "Onboarding started", target: "onboarding_draft", details: none },
  "onboarding.details_saved": { words: "Onboarding: details saved", target: "onboarding_draft", details: z.object({ slug: z.string() }) },
  "onboarding.connection_saved": { words: "Onboarding: connection saved", target: "onboarding_draft", details: z.object({ connectionId: z.string() }) },
  "onboarding.verify_started": { words: "Onboarding: verify started", target: "onboarding_draft", details: z.object({ outcome: startOutcome }) },
  "onboarding.first_sync_started": { words: "Onboarding: first sync started", target: "onboarding_draft", details: z.object({ outcome: startOutcome }) },
  "onboarding.tenant_activated": { words: "Onboarding: tenant activated", target: "onboarding_draft", details: z.object({ runId: z.string() }) },
  "onboarding.completed": { words: "Onboarding completed", target: "onboarding_draft", details: none },
  "onboarding.resumed": { words: "Onboarding resumed", target: "onboarding_draft", details: z.object({ step: z.enum(onboardingSteps) }) },
  "onboarding.cancelled": { words: "Onboarding cancelled", target: "onboarding_draft", details: z.object({ step: z.enum(onboardingSteps) }) },
  "tenant.archived": { words: "Tenant archived", target: "tenant", details: none },
  "tenant.unarchived": { words: "Tenant unarchived", target: "tenant", details: none },
  "tag.created": { words: "Tag created", target: "tag", details: z.object({ name: z.string() }) },
  "tag.renamed": { words: "Tag renamed", target: "tag", details: z.object({ from: z.string(), to: z.string() }) },
  "tag.deleted": { words: "Tag deleted", target: "tag", details: z.object({ name: z.string() }) },
  "tag.tenants_added": { words: "Tenants tagged", target: "tag", details: tagMembers },
  "tag.tenants_removed": { words: "Tenants untagged", target: "tag", details: tagMembers },
  "schedule.created": { words: "Schedule created", target: "schedule", details: scheduleSpec },
  "schedule.updated": { words: "Schedule changed", target: "schedule", details: scheduleSpec },
  "schedule.paused": { words: "Schedule paused", target: "schedule", details: none },
  "schedule.resumed": { words: "Schedule resumed", target: "schedule", details: none },
  "schedule.deleted": { words: "Schedule deleted", target: "schedule", details: none },
  "webhook.configured": {
    words: "Webhook configured",
    target: "webhook",
    details: z.object({ host: z.string(), enabled: z.boolean(), created: z.boolean() }),
  },
  "webhook.secret_rotated": { words: "Webhook signing secret rotated", target: "webhook", details: none },
  "webhook.removed": { words: "Webhook removed", target: "webhook", details: none },
  "workspace.settings_changed": {
    words: "Workspace settings changed",
    target: "workspace",
    details: z.object({ timeZone: z.string().optional(), batchRunCap: z.number().optional() }),
  },
} as const satisfies Record<string, AuditActionDefinition>;

type Catalog = typeof auditCatalog;
export type AuditAction = keyof Catalog;
export const auditActions = Object.keys(auditCatalog) as [AuditAction, ...AuditAction[]];
export const AuditActionSchema = z.enum(auditActions);

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditCatalog, value);
}

/** The details an action records, as written and as read. */
export type AuditDetails<A extends AuditAction> = z.infer<Catalog[A]["details"]>;

/** What an action's row says beside its details: the operation it concerns and, for a blocked start, why. */
type AuditColumns<A extends AuditAction> = Catalog[A]["target"] extends "start_target"
  ? { operation: OperationId; reason: ReasonCode; target: { kind: TargetKind; id: string } | null }
  : Catalog[A]["target"] extends "operation_run" | "batch"
    ? { operation: OperationId; targetId: string }
    : { targetId: string };

/** An action without details takes none; the others must give theirs. */
type DetailsField<A extends AuditAction> = [keyof Catalog[A]["details"]["shape"]] extends [never] ? { details?: never } : { details: AuditDetails<A> };

/** One audit row to write: the action decides which columns and details it needs. */
export type AuditEntry = {
  [A in AuditAction]: {
    action: A;
    workspaceId: string;
    /** Null for workspace-wide actions (an onboarding not yet tied to a tenant). */
    tenantId: string | null;
    actor: Actor;
  } & AuditColumns<A> &
    DetailsField<A>;
}[AuditAction];

/** The target an entry's row records: the action's own kind, or the target a blocked start named (none when it named none). */
export function auditTargetOf(entry: AuditEntry): { kind: string; id: string } | null {
  if ("target" in entry) return entry.target;
  const kind = auditCatalog[entry.action].target;
  return { kind, id: entry.targetId };
}

/** The recorded details of an entry, checked against its action's schema (a mismatch is a bug of the writer). */
export function auditDetailsOf(entry: AuditEntry): Record<string, unknown> {
  const details: unknown = "details" in entry ? entry.details : {};
  return auditCatalog[entry.action].details.parse(details ?? {});
}

/** An action with its typed details, as read back: the union a formatter switches over. */
export type AuditRecord = { [A in AuditAction]: { action: A; details: AuditDetails<A> } }[AuditAction];

/**
 * A stored row's action and details, typed; null for a row this catalogue cannot read (written by
 * older code under an action since renamed, or with other details), which is shown as recorded.
 */
export function parseAuditRecord(action: string, details: unknown): AuditRecord | null {
  if (!isAuditAction(action)) return null;
  const parsed = auditCatalog[action].details.safeParse(details);
  return parsed.success ? ({ action, details: parsed.data } as AuditRecord) : null;
}
