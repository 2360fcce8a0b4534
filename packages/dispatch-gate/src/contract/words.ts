import { auditCatalog, isAuditAction } from "./audit";
import type { BatchStatus } from "./batches";
import { operationCatalog } from "./operations";
import type { AttemptState } from "./run-attempts";
import type { RestoreAction } from "./restore-preview";
import type { SecretExpiryState } from "./secret-expiry";
import type { WebhookDeliveryStatus } from "./webhooks";
import type { Role } from "./capabilities";
import type { OnboardingStep } from "./onboarding";
import { reasonCatalog, type ReasonCode, type ReasonContext, type ReasonDetail, type ReasonWords } from "./reasons";
import type { RunStatus } from "./runs";
import { runProgressSentence, type RunProgress } from "./run-progress";
import type { PreviewOutcome, StartOutcome } from "./start-result";
import { isPolicyFamily, policyFamilies } from "./targets";

// The words every surface shows for a status, an outcome, a reason and its next step: the web
// pages, notifications, the CLI and the activity log read them through `describe`, the one
// function that turns the product's states into operator words. Nothing else keeps a word map.

/**
 * Operator words for a run's status. A queued run is what an accepted start produced, so the
 * outcome "accepted" reads as this same "Queued".
 */
export const runStatusWords = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  partially_succeeded: "Partially succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
} as const satisfies Record<RunStatus, string>;

/** The four answers of a start, as the specification names them. */
export const outcomeWords = {
  accepted: runStatusWords.queued,
  deduped: "Already running",
  scope_busy: "Scope busy",
  blocked: "Blocked",
} as const satisfies Record<StartOutcome, string>;

/** What a start would answer now; "ready" stands for an accepted start not yet made. */
export const previewOutcomeWords = {
  ready: "Ready",
  deduped: outcomeWords.deduped,
  scope_busy: outcomeWords.scope_busy,
  blocked: outcomeWords.blocked,
} as const satisfies Record<PreviewOutcome, string>;

/** Where a bulk start stands (derived from its rows and runs: batches.ts batchStatusOf). */
export const batchStatusWords = { running: "In progress", finished: "Finished" } as const satisfies Record<BatchStatus, string>;

/** Tenant lifecycle (tenants.status). */
export const tenantStatusWords = { onboarding: "Onboarding", active: "Active", archived: "Archived" } as const satisfies Record<string, string>;

/** A backup set's state (backup_sets.status). */
export const backupSetStatusWords = {
  capturing: "Capturing",
  complete: "Complete",
  partial: "Partial",
  failed: "Failed",
} as const satisfies Record<string, string>;

/** Admin consent as last known (provider_connections.consent_state). */
export const consentStateWords = {
  pending: "Consent pending",
  granted: "Consent granted",
  revoked: "Consent revoked",
} as const satisfies Record<string, string>;

export const roleWords = {
  owner: "Owner",
  manager: "Manager",
  operator: "Operator",
  readonly: "Read-only",
} as const satisfies Record<Role, string>;

export const onboardingStepWords = {
  details: "Tenant details",
  connection: "Connection and consent",
  verify: "Verify",
  first_sync: "First sync",
  done: "Done",
} as const satisfies Record<OnboardingStep, string>;

/** Where a webhook delivery stands. */
export const webhookDeliveryStatusWords = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Failed",
  cancelled: "Cancelled",
} as const satisfies Record<WebhookDeliveryStatus, string>;

/** What a restore does to one policy, as its preview says it (restore-preview.ts). */
export const restoreActionWords = {
  create: "Will be created (no longer in the tenant)",
  overwrite: "Will be overwritten (changed in the tenant since the backup)",
  unchanged: "Not changed since the backup (rewritten as it is)",
  left_alone: "Left alone (not in this backup; a restore never deletes)",
  unknown: "Not known until the inventory is synced (updated if it exists, else created)",
} as const satisfies Record<RestoreAction, string>;

/**
 * A "deduped" or "scope busy" answer whose holding run has since ended: the scope is free, and the
 * same start would now be admitted (the gate still decides at the click).
 */
export const holderFinishedWords = "Now free — start again";

export type Describable =
  | { outcome: StartOutcome }
  | { preview: PreviewOutcome }
  | { runStatus: RunStatus }
  | { batchStatus: BatchStatus }
  | { role: string }
  /** Stored states the database constrains; an unknown value is shown as stored. */
  | { tenantStatus: string }
  | { backupSetStatus: string }
  | { consentState: string }
  | { onboardingStep: OnboardingStep }
  | { policyFamily: string }
  /** Rows written by older code may name actions this catalogue no longer knows: shown as recorded. */
  | { auditAction: string }
  | { restoreAction: RestoreAction }
  | { webhookDelivery: WebhookDeliveryStatus }
  | { secretExpiry: SecretExpiryState }
  | { attempts: AttemptState; operation: keyof typeof operationCatalog }
  /** How long a run took, or has run so far; null: no worker has started it. */
  | { durationMs: number | null }
  /** A run's status with its counts as one sentence (notices that follow a run, the run page). */
  | { runProgress: Pick<RunProgress, "status" | "counts"> }
  | { holderFinished: RunStatus }
  | { reason: ReasonCode; context: ReasonContext; detail?: ReasonDetail };

/** The one place a state becomes operator words. A reason answers its sentence and next step. */
export function describe(subject: { reason: ReasonCode; context: ReasonContext; detail?: ReasonDetail }): ReasonWords;
export function describe(subject: Exclude<Describable, { reason: ReasonCode }>): string;
export function describe(subject: Describable): string | ReasonWords {
  if ("reason" in subject) return reasonWords(subject.reason, subject.context, subject.detail ?? {});
  if ("outcome" in subject) return outcomeWords[subject.outcome];
  if ("preview" in subject) return previewOutcomeWords[subject.preview];
  if ("runStatus" in subject) return runStatusWords[subject.runStatus];
  if ("batchStatus" in subject) return batchStatusWords[subject.batchStatus];
  if ("onboardingStep" in subject) return onboardingStepWords[subject.onboardingStep];
  if ("role" in subject) return wordFor(roleWords, subject.role);
  if ("tenantStatus" in subject) return wordFor(tenantStatusWords, subject.tenantStatus);
  if ("backupSetStatus" in subject) return wordFor(backupSetStatusWords, subject.backupSetStatus);
  if ("consentState" in subject) return wordFor(consentStateWords, subject.consentState);
  if ("policyFamily" in subject) return isPolicyFamily(subject.policyFamily) ? policyFamilies[subject.policyFamily].label : subject.policyFamily;
  if ("restoreAction" in subject) return restoreActionWords[subject.restoreAction];
  if ("webhookDelivery" in subject) return webhookDeliveryStatusWords[subject.webhookDelivery];
  if ("secretExpiry" in subject) return secretExpiryWords(subject.secretExpiry);
  if ("attempts" in subject) return attemptWords(subject.attempts, subject.operation);
  if ("durationMs" in subject) return durationWords(subject.durationMs);
  if ("runProgress" in subject) return runProgressSentence(subject.runProgress.status, subject.runProgress.counts);
  if ("holderFinished" in subject) return holderFinishedWords;
  return isAuditAction(subject.auditAction) ? auditCatalog[subject.auditAction].words : subject.auditAction;
}

function wordFor(words: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(words, key) ? (words[key] ?? key) : key;
}

function reasonWords(code: ReasonCode, context: ReasonContext, detail: ReasonDetail): ReasonWords {
  const entry = reasonCatalog[code];
  const refined = entry.refine?.(detail, context);
  return {
    message: refined?.message ?? entry.sentence,
    nextStep: refined?.nextStep ?? { label: entry.nextStepLabel, href: entry.route(context) },
  };
}

/**
 * Why "Check connection" is the one start allowed without confirmed admin consent (ADR 012), as
 * the connection pages and the onboarding wizard say it.
 */
export const consentCheckNote =
  "Microsoft tells whether admin consent was granted only when it is asked for a token, so the connection check is the one start that runs without confirmed consent: grant consent first, then check the connection. A check that finds no consent ends as Failed with the next step “Grant admin consent”; every other start stays Blocked until a check has seen consent.";

function secretExpiryWords(expiry: SecretExpiryState): string {
  const on = expiry.expiresAt === null ? "" : ` on ${expiry.expiresAt.toISOString().slice(0, 10)}`;
  switch (expiry.state) {
    case "none":
      return "No expiry date recorded";
    case "expired":
      return `Expired${on}`;
    case "ok":
    case "expiring":
      return expiry.daysLeft === 1 ? `Expires within a day${on}` : `Expires in ${expiry.daysLeft} days${on}`;
  }
}

/** "Under a second", "45 s", "1 min 30 s", "2 h 5 min": precise enough to compare runs, short enough for a column. */
function durationWords(ms: number | null): string {
  if (ms === null) return "Not started";
  if (ms < 1_000) return "Under a second";
  const seconds = Math.floor(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

const clock = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;

/** "Final — no more attempts" or "will retry at …": what the run page says about its attempts. */
function attemptWords(state: AttemptState, operation: keyof typeof operationCatalog): string {
  switch (state.state) {
    case "waiting":
      return "Waiting for a worker.";
    case "in_progress":
      return `Attempt ${state.attempt} of ${state.maxAttempts} in progress.`;
    case "will_retry": {
      const why = Object.hasOwn(reasonCatalog, state.reason) ? ` (${reasonCatalog[state.reason as ReasonCode].sentence.replace(/\.$/, "")})` : "";
      return `Attempt ${state.failedAttempt} of ${state.maxAttempts} failed${why}; will retry at ${clock(state.at)} (attempt ${state.nextAttempt} of ${state.maxAttempts}).`;
    }
    case "final":
      switch (state.because) {
        case "succeeded":
          return `Final — succeeded on attempt ${state.attempt} of ${state.maxAttempts}.`;
        case "cancelled":
          return "Final — cancelled; no more attempts.";
        case "single_attempt":
          return `Final — no more attempts: ${operationCatalog[operation].label} runs once, because writes to a customer's tenant are never replayed automatically. Start it again with Retry.`;
        case "attempts_used":
          return `Final — no more attempts: all ${state.maxAttempts} attempts were used. Start it again with Retry.`;
        case "not_retried":
          return "Final — no more attempts: this failure is not retried automatically. Resolve it, then start it again with Retry.";
      }
  }
}
