import { RestoreSelection } from "@tenantpilot/dispatch-gate/contract";
import { isGraphVersion, isProviderError, policyTypeIds, restorePolicy, type PolicyType, type ProviderReason } from "@tenantpilot/provider-graph";
import { isConnectionFailure } from "../execution/failure";
import type { RunContext, WorkOutcome } from "../execution/run-context";

type ItemOutcome =
  | { backupItemId: string; policyType: string; externalId: string; displayName: string; outcome: "updated" | "created"; policyId: string }
  | { backupItemId: string; policyType: string; externalId: string; displayName: string; outcome: "failed"; reason: ProviderReason; message: string };

/**
 * Restore backup: writes the items of the target backup set back to the tenant — the ones the start
 * selected (the run's selection, checked by the gate; ADR 025), or every item when it selected none
 * — over the policy each was captured from, or as a new one when that is gone, recording each item's outcome in
 * diagnostics.restore.items as it goes. An item Graph refuses costs that item; a failure that
 * concerns the connection as a whole (consent, credentials, permission) stops the restore with
 * that reason. Each payload is written through the API version it was captured from (ADR 013):
 * beta payloads carry their scope tags back; v1.0 payloads (older backups) hold none. The catalogue gives restore one attempt: writes to a customer's tenant are not
 * replayed automatically.
 */
export async function executeRestore(ctx: RunContext): Promise<WorkOutcome> {
  const backupSetId = ctx.run.targetId;
  const run = await ctx.prisma.operationRun.findUniqueOrThrow({ where: { id: ctx.run.id }, select: { selection: true } });
  const selected = run.selection === null ? null : RestoreSelection.parse(run.selection).backupItemIds;
  const items = await ctx.prisma.backupItem.findMany({
    where: { backupSetId, tenantId: ctx.tenant.id, ...(selected === null ? {} : { id: { in: selected } }) },
    select: { id: true, policyType: true, externalId: true, displayName: true, payload: true, graphVersion: true },
    orderBy: [{ policyType: "asc" }, { displayName: "asc" }],
  });
  const results: ItemOutcome[] = [];
  const record = () => {
    const failed = results.filter((item) => item.outcome === "failed").length;
    return ctx.progress({ seen: items.length, changed: results.length - failed, failed }, { restore: { backupSetId, selected: selected?.length ?? null, items: results } });
  };
  await record();

  for (const item of items) {
    ctx.checkpoint();
    const base = { backupItemId: item.id, policyType: item.policyType, externalId: item.externalId, displayName: item.displayName };
    if (
      !isPolicyType(item.policyType) ||
      !isGraphVersion(item.graphVersion) ||
      typeof item.payload !== "object" ||
      item.payload === null ||
      Array.isArray(item.payload)
    ) {
      results.push({ ...base, outcome: "failed", reason: "internal_error", message: "The backup item is not a restorable policy." });
      await record();
      continue;
    }
    try {
      const restored = await restorePolicy(ctx.graph, item.policyType, item.payload as Record<string, unknown>, {
        targetId: item.externalId,
        version: item.graphVersion,
      });
      results.push({ ...base, outcome: restored.action, policyId: restored.id });
    } catch (error) {
      if (!isProviderError(error) || isConnectionFailure(error)) {
        await record();
        throw error;
      }
      results.push({ ...base, outcome: "failed", reason: error.reason, message: error.message });
    }
    await record();
  }

  const failures = results.filter((item): item is Extract<ItemOutcome, { outcome: "failed" }> => item.outcome === "failed");
  const counts = { seen: items.length, changed: results.length - failures.length, failed: failures.length };
  const diagnostics = { restore: { backupSetId, selected: selected?.length ?? null, items: results } };
  const dominant = dominantReason(failures);
  if (failures.length === 0) return { status: "succeeded", counts, diagnostics };
  if (failures.length === items.length) {
    return { status: "failed", counts, reason: dominant ?? "internal_error", detail: `None of the ${items.length} items could be restored.`, diagnostics };
  }
  return {
    status: "partially_succeeded",
    counts,
    ...(dominant === undefined ? {} : { reason: dominant }),
    detail: `${failures.length} of ${items.length} items could not be restored.`,
    diagnostics,
  };
}

function isPolicyType(value: string): value is PolicyType {
  return (policyTypeIds as string[]).includes(value);
}

/**
 * The reason most failed items share: what the notification tells. internal_error ("an unexpected
 * error stopped the run") would misdescribe a run that went on; its items' messages say more.
 */
function dominantReason(failures: { reason: ProviderReason }[]): Exclude<ProviderReason, "internal_error"> | undefined {
  const tally = new Map<Exclude<ProviderReason, "internal_error">, number>();
  for (const { reason } of failures) if (reason !== "internal_error") tally.set(reason, (tally.get(reason) ?? 0) + 1);
  return [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
