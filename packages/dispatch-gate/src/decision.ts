import { describe, type ConnectionRef, type PreviewResult } from "./contract";
import { runPreflight } from "./preflight";
import type { ActiveRunFacts, PreflightContext } from "./preflight-context";
import { toRunRef } from "./run-ref";
import { sameTarget, type OperationTarget } from "./target";

type HolderResult = Extract<PreviewResult, { outcome: "deduped" | "scope_busy" }>;
type BlockedResult = Extract<PreviewResult, { outcome: "blocked" }>;

export type StartDecision =
  | { kind: "held"; result: HolderResult }
  | { kind: "blocked"; result: BlockedResult }
  | { kind: "ready"; connection: ConnectionRef; target: OperationTarget; scopeKey: string };

/**
 * The gate's decision over a loaded context, shared by startOperation and previewStart:
 * 1. fast path — an active run on the scope answers deduped (same operation and target) or scope_busy;
 * 2. preflight — the first failing rule answers blocked;
 * 3. otherwise ready to admit, bound to the connection.
 */
export function decideStart(ctx: PreflightContext): StartDecision {
  const held = holderResult(ctx);
  if (held) return { kind: "held", result: held };

  const failure = runPreflight(ctx);
  if (failure) {
    const { message, nextStep } = describe({
      reason: failure.reason,
      context: {
        tenantSlug: ctx.tenant.slug,
        connectionId: ctx.connection?.id,
        backupSetId: ctx.target?.kind === "backup_set" ? ctx.target.id : undefined,
      },
      detail: { missingPermissions: failure.missingPermissions, tenantStatus: ctx.tenant.status },
    });
    return {
      kind: "blocked",
      result: {
        outcome: "blocked",
        reason: failure.reason,
        message,
        nextStep,
        ...(failure.missingPermissions ? { missingPermissions: failure.missingPermissions } : {}),
      },
    };
  }

  // Preflight guarantees both: a found target and (every operation needs one) a bound connection.
  if (!ctx.target || !ctx.scope || !ctx.connection) {
    throw new Error(`preflight passed without a target or connection for ${ctx.operation.id}`);
  }
  const { id, displayName, clientId, identityVersion } = ctx.connection;
  return {
    kind: "ready",
    connection: { id, displayName, clientId, identityVersion },
    target: { kind: ctx.target.kind, id: ctx.target.id },
    scopeKey: ctx.scope.key,
  };
}

function holderResult(ctx: PreflightContext): HolderResult | null {
  return ctx.activeRun ? answerWithHolder(ctx, ctx.activeRun) : null;
}

/**
 * deduped (the same operation on the same target) or scope_busy, linking `holder`: the active run
 * the fast path found, or the run an admission lost to (which may have finished since).
 */
export function answerWithHolder(ctx: PreflightContext, holder: ActiveRunFacts): HolderResult | null {
  if (!ctx.scope || !ctx.target) return null;
  const run = toRunRef(holder);
  const sameWork =
    holder.operation === ctx.operation.id && sameTarget({ kind: holder.targetKind, id: holder.targetId }, ctx.target);
  if (sameWork) return { outcome: "deduped", run };
  return {
    outcome: "scope_busy",
    scope: { tenantId: ctx.tenant.id, scopeKey: ctx.scope.key, label: ctx.scope.label },
    blockingRun: run,
  };
}
