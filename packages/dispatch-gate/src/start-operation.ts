import type { Db, PrismaClient } from "@tenantpilot/db";
import { routes, runInitiatorOf, type PreviewResult, type StartResult } from "./contract";
import { admitRun } from "./admission";
import { blockedStartEntry, recordAudit } from "./audit";
import { ConfirmationRequired, confirmsTenant } from "./confirmation";
import { answerWithHolder, decideStart } from "./decision";
import { announce } from "./observation";
import { loadPreflightContext, type StartContextRead, type StartInput } from "./preflight-context";
import { checkSelection } from "./selection-check";
import { resolveTarget } from "./target";

/**
 * The one way to start an operator- or system-triggered operation. Authorization (membership,
 * entitlement, capability) is the caller's job and happens before this call. Always answers one
 * of the four outcomes; throws only for the unexpected (unknown tenant, add_job failing) and for
 * an incomplete request: a write to the customer's tenant without its confirmation
 * (ConfirmationRequired), whether it is a first start or a retry, or a selection its target does
 * not have (SelectionRejected).
 * `context`: the start context as this request already read it (loadPreflightContext); admission
 * is never read ahead, it is the statement that decides.
 */
export async function startOperation(db: PrismaClient, input: StartInput, context?: StartContextRead): Promise<StartResult> {
  const result = await decideAndAdmit(db, input, context);
  announce({ kind: "start_answered", tenantId: input.tenantId, operation: input.operation, initiator: runInitiatorOf(input.initiator).kind, result });
  return result;
}

async function decideAndAdmit(db: PrismaClient, input: StartInput, context: StartContextRead | undefined): Promise<StartResult> {
  const ctx = await loadPreflightContext(db, input, context);
  if (ctx.operation.confirmTenant && !confirmsTenant(input.confirmTenant, ctx.tenant.slug)) {
    throw new ConfirmationRequired(ctx.operation.id, ctx.tenant.slug);
  }
  const selection = input.selection === undefined ? null : await checkSelection(db, ctx, input.selection);
  const decision = decideStart(ctx);
  switch (decision.kind) {
    case "held":
      return decision.result;
    case "blocked":
      await recordAudit(
        db,
        blockedStartEntry(
          {
            workspaceId: ctx.tenant.workspaceId,
            tenantId: ctx.tenant.id,
            actor: input.initiator,
            operation: input.operation,
            target: resolveTarget(input.tenantId, input.operation, input.target) ?? null,
          },
          decision.result,
        ),
      );
      return decision.result;
    case "ready": {
      const admission = await admitRun(db, {
        tenantId: ctx.tenant.id,
        selection,
        operation: ctx.operation,
        target: decision.target,
        scopeKey: decision.scopeKey,
        initiator: input.initiator,
        connection: decision.connection,
      });
      if (admission.admitted) {
        return {
          outcome: "accepted",
          run: { id: admission.runId, operation: input.operation, status: "queued", href: routes.run(admission.runId) },
          connection: decision.connection,
        };
      }
      // Lost the race: the admission statement already read the run it lost to.
      const answer = answerWithHolder(ctx, admission.holder);
      if (!answer) throw new Error(`startOperation: ${input.operation} was ready without a scope or target`);
      return answer;
    }
  }
}

/** What startOperation would answer now, without writing anything (not even the audit row). */
export async function previewStart(db: Db, input: StartInput): Promise<PreviewResult> {
  const decision = decideStart(await loadPreflightContext(db, input));
  switch (decision.kind) {
    case "held":
    case "blocked":
      return decision.result;
    case "ready":
      return { outcome: "ready", connection: decision.connection };
  }
}
