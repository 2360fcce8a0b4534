import { grantsPermission, permissionsNeeded, type NeedTarget, type OperationDefinition, type ReasonCode } from "./contract";
import type { ConnectionFacts } from "./connection-facts";
import type { PreflightContext, TargetFacts } from "./preflight-context";

export interface PreflightFailure {
  reason: ReasonCode;
  missingPermissions?: string[];
}

export interface PreflightRule {
  reason: ReasonCode;
  /** A failure when the rule does not hold; null when it passes. Pure: no I/O, no clock. */
  check(ctx: PreflightContext): PreflightFailure | null;
}

/** What the connection rules judge: one connection, for one operation needing these permissions. */
export interface ConnectionJudgement {
  now: Date;
  operation: OperationDefinition;
  connection: ConnectionFacts;
  /** The Graph permissions this start needs (permissionsNeeded for the operation and its target). */
  needs: readonly string[];
}

interface ConnectionRule {
  reason: ReasonCode;
  check(judgement: ConnectionJudgement): PreflightFailure | null;
}

const fail = (reason: ReasonCode, extra: Omit<PreflightFailure, "reason"> = {}): PreflightFailure => ({ reason, ...extra });

/**
 * Whether Microsoft's last word objects to `reason`. The operation that verifies the connection is
 * never held back by it: a passing check is what clears it (ADR 011, ADR 012).
 */
const lastWordSays = ({ operation, connection }: ConnectionJudgement, reason: ReasonCode): boolean =>
  !operation.verifiesConnection && connection.lastWord?.reason === reason;

/**
 * A need the last word denies: Graph refused a permission this need is at least as broad as (an
 * app refused …Read.All does not hold …ReadWrite.All either). A 403 that named nothing denies every need.
 */
function deniedByLastWord(judgement: ConnectionJudgement, need: string): boolean {
  if (!lastWordSays(judgement, "provider_permission_missing")) return false;
  const refused = judgement.connection.lastWord?.missingPermissions ?? [];
  return refused.length === 0 || refused.some((permission) => grantsPermission([need], permission));
}

/**
 * The rules about the bound connection, in order. Each reads both what is stored (consent state,
 * secret, expiry, granted permissions) and what Microsoft last answered about the connection.
 */
const connectionRules: readonly ConnectionRule[] = [
  {
    reason: "provider_connection_disabled",
    check: ({ connection }) => (connection.enabled ? null : fail("provider_connection_disabled")),
  },
  {
    reason: "provider_consent_missing",
    check: (j) =>
      !j.operation.verifiesConnection && (j.connection.consentState !== "granted" || lastWordSays(j, "provider_consent_missing"))
        ? fail("provider_consent_missing")
        : null,
  },
  {
    reason: "provider_credentials_missing",
    check: (j) => (!j.connection.hasSecret || lastWordSays(j, "provider_credentials_missing") ? fail("provider_credentials_missing") : null),
  },
  {
    reason: "provider_credentials_expired",
    check: (j) =>
      (j.connection.secretExpiresAt !== null && j.connection.secretExpiresAt.getTime() <= j.now.getTime()) ||
      lastWordSays(j, "provider_credentials_expired")
        ? fail("provider_credentials_expired")
        : null,
  },
  {
    reason: "provider_permission_missing",
    check: (j) => {
      const missing = j.needs.filter((need) => !grantsPermission(j.connection.grantedPermissions, need) || deniedByLastWord(j, need));
      return missing.length > 0 ? fail("provider_permission_missing", { missingPermissions: missing }) : null;
    },
  },
];

/** The first connection rule that fails, or null: what a connection page says about one operation. */
export function judgeConnection(judgement: ConnectionJudgement): PreflightFailure | null {
  for (const rule of connectionRules) {
    const failure = rule.check(judgement);
    if (failure) return failure;
  }
  return null;
}

/** What of the target decides the permissions a start needs. */
export function needTargetOf(target: TargetFacts | undefined): NeedTarget {
  if (target?.kind === "report_kind") return { reportKind: target.id };
  if (target?.kind === "backup_set" && target.policyFamilies !== null) return { policyFamilies: target.policyFamilies };
  return {};
}

function judgementOf(ctx: PreflightContext, connection: ConnectionFacts): ConnectionJudgement {
  return { now: ctx.now, operation: ctx.operation, connection, needs: permissionsNeeded(ctx.operation.id, needTargetOf(ctx.target)) };
}

/**
 * The preflight rules in their order. The FIRST failing rule is the one dominant reason the
 * operator sees, so the order goes from the broadest prerequisite to the most specific:
 *  1. tenant_not_operable          archived, or onboarding (unless the operation is allowed then)
 *  2. provider_connection_missing  no primary connection (connection.check: the target is looked up in 8)
 *  3. provider_connection_disabled
 *  4. provider_consent_missing     consent not granted, or Microsoft last said so (not for the check)
 *  5. provider_credentials_missing no client secret stored, or Microsoft last rejected the app/secret
 *  6. provider_credentials_expired secret expiry <= now, or Microsoft last said it expired
 *  7. provider_permission_missing  a needed permission not granted (as Graph grants it: broader
 *                                  grants count) or last refused by Graph; all of them are named
 *  8. target_not_found             backup set / report kind / connection not in this tenant
 *  9. target_not_ready             backup set not complete or partial
 * Connection rules look at the connection the run would bind to; for connection.check that is the
 * target connection, so when it does not exist rules 2–7 have nothing to judge and 8 answers.
 */
export const preflightRules: readonly PreflightRule[] = [
  {
    reason: "tenant_not_operable",
    check: ({ tenant, operation, finishesOnboarding }) => {
      if (tenant.status === "active") return null;
      if (tenant.status === "onboarding") {
        if (operation.duringOnboarding === "allowed") return null;
        if (operation.duringOnboarding === "first_sync" && finishesOnboarding) return null;
      }
      return fail("tenant_not_operable");
    },
  },
  {
    reason: "provider_connection_missing",
    // Every operation talks to Microsoft through a connection: the tenant's primary one, or the
    // connection that is the target (whose absence target_not_found answers).
    check: ({ operation, connection }) => (operation.connectionBinding === "primary" && connection === null ? fail("provider_connection_missing") : null),
  },
  ...connectionRules.map(
    (rule): PreflightRule => ({
      reason: rule.reason,
      check: (ctx) => (ctx.connection === null ? null : rule.check(judgementOf(ctx, ctx.connection))),
    }),
  ),
  {
    reason: "target_not_found",
    check: ({ target }) => (target === undefined || !target.found ? fail("target_not_found") : null),
  },
  {
    reason: "target_not_ready",
    check: ({ target }) => (target !== undefined && !target.ready ? fail("target_not_ready") : null),
  },
];

/** The dominant reason a start cannot proceed, or null when every prerequisite holds. */
export function runPreflight(ctx: PreflightContext, rules: readonly PreflightRule[] = preflightRules): PreflightFailure | null {
  for (const rule of rules) {
    const failure = rule.check(ctx);
    if (failure) return failure;
  }
  return null;
}
