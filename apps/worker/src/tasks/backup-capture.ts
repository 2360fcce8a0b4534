import { getPolicy, isProviderError, listAllPolicies, type PolicySummary, type ProviderReason } from "@tenantpilot/provider-graph";
import { isConnectionFailure } from "../execution/failure";
import type { RunContext, WorkOutcome } from "../execution/run-context";

interface ItemFailure {
  policyType: string;
  externalId: string;
  displayName: string;
  reason: ProviderReason;
  message: string;
}

/**
 * Capture backup: a backup set with one backup_items row per policy, each with the full payload
 * Graph returns for it (getPolicy, with expansions; classic policies through beta, so their scope
 * tags are kept) and the API version it was read through. The set is the run's own: a retry of the
 * run continues the same set. Status complete when every listed policy was captured, partial when
 * some could not be (their failures are in diagnostics), failed when the run does not finish.
 */
export async function captureBackup(ctx: RunContext): Promise<WorkOutcome> {
  const setId = await backupSetOf(ctx);
  try {
    const listed = await listAllPolicies(ctx.graph);
    await ctx.progress({ seen: listed.items.length }, { backup: { backupSetId: setId } });

    let captured = 0;
    let vanished = 0;
    const failures: ItemFailure[] = [];
    for (const policy of listed.items) {
      ctx.checkpoint();
      const outcome = await captureOne(ctx, setId, policy);
      if (outcome === "captured") captured += 1;
      else if (outcome === "vanished") vanished += 1;
      else failures.push(outcome);
      if ((captured + vanished + failures.length) % 10 === 0) await ctx.progress({ changed: captured, failed: failures.length });
    }

    const complete = failures.length === 0 && !listed.truncated;
    const itemCount = await ctx.prisma.backupItem.count({ where: { backupSetId: setId } });
    await ctx.prisma.backupSet.update({
      where: { id: setId },
      data: { status: complete ? "complete" : "partial", itemCount, completedAt: new Date() },
    });
    const diagnostics = { backup: { backupSetId: setId, captured, vanished, truncated: listed.truncated, failures } };
    const counts = { seen: listed.items.length, changed: captured, failed: failures.length };
    if (complete) return { status: "succeeded", counts, diagnostics };
    return {
      status: "partially_succeeded",
      counts,
      // See restore-execute: internal_error would claim the run stopped; the items' messages say more.
      ...(failures[0] === undefined || failures[0].reason === "internal_error" ? {} : { reason: failures[0].reason }),
      detail: listed.truncated ? "The policy listing stopped at its page limit." : `${failures.length} policies could not be captured.`,
      diagnostics,
    };
  } catch (error) {
    // The run ends without this set being usable (a retry of the run picks it up again).
    await ctx.prisma.backupSet.update({ where: { id: setId }, data: { status: "failed" } });
    throw error;
  }
}

/** The run's backup set: created by its first attempt, resumed by a retry. */
async function backupSetOf(ctx: RunContext): Promise<string> {
  const existing = await ctx.prisma.backupSet.findFirst({ where: { capturedByRunId: ctx.run.id }, select: { id: true } });
  if (existing) {
    await ctx.prisma.backupSet.update({ where: { id: existing.id }, data: { status: "capturing" } });
    return existing.id;
  }
  const name = `Backup ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const created = await ctx.prisma.backupSet.create({
    data: { tenantId: ctx.tenant.id, name, status: "capturing", capturedByRunId: ctx.run.id },
    select: { id: true },
  });
  return created.id;
}

async function captureOne(ctx: RunContext, setId: string, policy: PolicySummary): Promise<"captured" | "vanished" | ItemFailure> {
  try {
    const full = await getPolicy(ctx.graph, policy.policyType, policy.id);
    if (full === null) return "vanished";
    const payload = JSON.stringify(full.payload);
    // The version is kept with the payload: a restore writes it back through the same version (ADR 013).
    await ctx.prisma.$executeRaw`
      INSERT INTO backup_items (tenant_id, backup_set_id, policy_type, external_id, display_name, payload, graph_version)
      VALUES (${ctx.tenant.id}::uuid, ${setId}::uuid, ${policy.policyType}, ${policy.id}, ${full.displayName}, ${payload}::jsonb, ${full.graphVersion})
      ON CONFLICT (backup_set_id, policy_type, external_id) DO UPDATE
        SET display_name = EXCLUDED.display_name, payload = EXCLUDED.payload, graph_version = EXCLUDED.graph_version`;
    return "captured";
  } catch (error) {
    // Transient and connection-wide failures end (or retry) the whole attempt; an answer Graph
    // gives about this one policy only costs this item.
    if (!isProviderError(error) || error.transient || isConnectionFailure(error)) throw error;
    return { policyType: policy.policyType, externalId: policy.id, displayName: policy.displayName, reason: error.reason, message: error.message };
  }
}
