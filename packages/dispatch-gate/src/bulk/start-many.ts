import type { PrismaClient } from "@tenantpilot/db";
import {
  routes,
  operationCatalog,
  runInitiatorOf,
  rollupOf,
  startOutcomes,
  type BulkOperation,
  type BulkStartResult,
  type BulkTenant,
  type StartResult,
  type TenantSelection,
  type AuditEntry,
} from "../contract";
import { blockedStartEntry, recordAudit } from "../audit";
import { answerWithHolder, decideStart, type StartDecision } from "../decision";
import { announce } from "../observation";
import { notifyFinishedBatches } from "../lifecycle/batch-notification";
import type { PreflightContext, StartInput } from "../preflight-context";
import { admitRuns } from "./admit-runs";
import { batchByKey, claimBatch, readBatchResult, recordBatchItems } from "./batch-record";
import { bulkStartInputs } from "./bulk-inputs";
import { loadPreflightContexts } from "./contexts";
import { readScopeHolders } from "./scope-holders";

/** A batch of 10,000 tenants takes about a second; the default five seconds of an interactive transaction is too tight under load. */
const BATCH_TRANSACTION_TIMEOUT_MS = 120_000;

export interface StartManyInput extends BulkOperation {
  workspaceId: string;
  /** Already resolved by the caller's selection and access: only tenants the initiator may operate. */
  tenants: readonly BulkTenant[];
  initiator: StartInput["initiator"];
  idempotencyKey: string;
  /** What the operator selected, kept with the batch (retry and schedules read it). */
  selection: TenantSelection;
  scheduleId?: string;
}

/**
 * The gate for N tenants: one batch, one StartResult per tenant, in a constant number of statements
 * whatever N is — claim the idempotency key, read N contexts, decide each with decideStart (the
 * single start's own decision), admit every ready tenant's run and job in one statement (the run,
 * which carries the batch's id, is that tenant's accepted row: ADR 036), read the runs that the
 * admissions lost to concurrent ones lost to (answered with answerWithHolder, as a single start
 * answers), then write the other rows and the audit in one statement each. All of it is one
 * transaction: the batch, its rows and its runs appear together or not at all.
 */
export async function startMany(db: PrismaClient, input: StartManyInput): Promise<BulkStartResult> {
  const tenants = uniqueTenants(input.tenants);
  const operation = operationCatalog[input.operation];
  const written = await db.$transaction(
    async (tx) => {
      const claimed = await claimBatch(tx, {
        workspaceId: input.workspaceId,
        operation: input.operation,
        targetKind: operation.targetKind,
        ...(input.reportKind ? { reportKind: input.reportKind } : {}),
        selection: input.selection,
        initiator: input.initiator,
        ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}),
        idempotencyKey: input.idempotencyKey,
        tenantCount: tenants.length,
      });
      if (!claimed) return { kind: "existing" as const, batchId: await batchByKey(tx, input.workspaceId, input.initiator, input.idempotencyKey) };
      const batchId = claimed.id;

      const results = new Map<string, StartResult>();
      const blocked: AuditEntry[] = [];
      const starts = await bulkStartInputs(tx, tenants.map((tenant) => tenant.id), input, input.initiator);
      const contexts = await loadPreflightContexts(tx, starts);
      const ready: { start: StartInput; ctx: PreflightContext; decision: Extract<StartDecision, { kind: "ready" }> }[] = [];
      starts.forEach((start, index) => {
        const ctx = contexts[index];
        // Gone since the selection, or (defensively) not of this workspace: not part of the batch.
        if (!ctx || ctx.tenant.workspaceId !== input.workspaceId) return;
        const decision = decideStart(ctx);
        switch (decision.kind) {
          case "held":
            results.set(start.tenantId, decision.result);
            break;
          case "blocked":
            results.set(start.tenantId, decision.result);
            // The same row a single blocked start writes, naming its batch.
            blocked.push(
              blockedStartEntry(
                {
                  workspaceId: ctx.tenant.workspaceId,
                  tenantId: ctx.tenant.id,
                  actor: input.initiator,
                  operation: input.operation,
                  target: ctx.target ? { kind: ctx.target.kind, id: ctx.target.id } : null,
                },
                decision.result,
                batchId,
              ),
            );
            break;
          case "ready":
            ready.push({ start, ctx, decision });
            break;
        }
      });
      const admitted = await admitRuns(tx, {
        batchId,
        workspaceId: input.workspaceId,
        operation,
        initiator: input.initiator,
        runs: ready.map(({ start, decision }) => ({
          tenantId: start.tenantId,
          target: decision.target,
          scopeKey: decision.scopeKey,
          connection: decision.connection,
        })),
      });
      // Lost to a concurrent admission: answered with the run it lost to, as a single start is.
      const lost = ready.filter(({ start }) => !admitted.has(start.tenantId));
      const holders = await readScopeHolders(tx, lost.map(({ start, decision }) => ({ tenantId: start.tenantId, scopeKey: decision.scopeKey })));
      for (const { start, ctx, decision } of ready) {
        const runId = admitted.get(start.tenantId);
        if (runId !== undefined) {
          results.set(start.tenantId, {
            outcome: "accepted",
            run: { id: runId, operation: input.operation, status: "queued", href: routes.run(runId) },
            connection: decision.connection,
          });
          continue;
        }
        const holder = holders.get(start.tenantId);
        const answer = holder && answerWithHolder(ctx, holder);
        if (!answer) throw new Error(`startMany: the admission of ${input.operation} on tenant ${start.tenantId} lost, and no run held its scope`);
        results.set(start.tenantId, answer);
      }

      const items = tenants.flatMap((tenant) => {
        const result = results.get(tenant.id);
        return result ? [{ tenant, result }] : [];
      });
      const rollup = rollupOf(startOutcomes, items.map((item) => item.result));
      // An accepted tenant's row is its run (admitRuns set its batch_id); the others are stored here.
      await recordBatchItems(
        tx,
        batchId,
        items.flatMap(({ tenant, result }) => (result.outcome === "accepted" ? [] : [{ tenantId: tenant.id, result }])),
      );
      // The blocked tenants' rows and the batch's own row, in one statement.
      await recordAudit(tx, [
        ...blocked,
        {
          action: "batch.started",
          workspaceId: input.workspaceId,
          tenantId: null,
          actor: input.initiator,
          operation: input.operation,
          targetId: batchId,
          details: { rollup },
        },
      ]);
      return { kind: "created" as const, batchId, items, rollup };
    },
    { timeout: BATCH_TRANSACTION_TIMEOUT_MS, maxWait: BATCH_TRANSACTION_TIMEOUT_MS },
  );

  if (written.kind === "existing") return readBatchResult(db, written.batchId);
  const { batchId, items, rollup } = written;
  announce({ kind: "batch_answered", batchId, workspaceId: input.workspaceId, operation: input.operation, initiator: runInitiatorOf(input.initiator).kind, rollup });
  // A batch with nothing to wait for (all blocked or busy) is finished now; so is one whose deduped
  // runs ended before the batch committed.
  await db.$transaction((tx) => notifyFinishedBatches(tx, { batchId }), { timeout: BATCH_TRANSACTION_TIMEOUT_MS, maxWait: BATCH_TRANSACTION_TIMEOUT_MS });
  return { batch: { id: batchId, href: routes.batch(batchId), created: true }, operation: input.operation, items, rollup };
}

function uniqueTenants(tenants: readonly BulkTenant[]): BulkTenant[] {
  const seen = new Set<string>();
  return tenants.filter((tenant) => !seen.has(tenant.id) && seen.add(tenant.id));
}
