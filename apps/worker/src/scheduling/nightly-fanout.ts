import type { PrismaClient } from "@tenantpilot/db";
import { startOperation, TenantNotFoundError, type ReasonCode, type StartOutcome } from "@tenantpilot/dispatch-gate";

export interface FanOutSummary {
  tenants: number;
  accepted: number;
  deduped: number;
  busy: number;
  blocked: number;
  /** Tenants deleted between the listing and their start. */
  gone: number;
  blockedReasons: Partial<Record<ReasonCode, number>>;
}

/**
 * The nightly inventory sync of every active tenant, started through the same gate as a click,
 * as initiator `system`. A tenant that cannot be synced is answered `blocked` by the gate, which
 * writes the audit row; nothing here turns that into a failed run. One tenant at a time: each
 * start is a couple of milliseconds, and the queue — not this loop — spreads the work out.
 */
export async function fanOutNightlyInventory(prisma: PrismaClient): Promise<FanOutSummary> {
  const tenants = await prisma.tenant.findMany({ where: { status: "active" }, select: { id: true }, orderBy: { createdAt: "asc" } });
  const summary: FanOutSummary = { tenants: tenants.length, accepted: 0, deduped: 0, busy: 0, blocked: 0, gone: 0, blockedReasons: {} };
  const tally: Record<StartOutcome, (reason?: ReasonCode) => void> = {
    accepted: () => (summary.accepted += 1),
    deduped: () => (summary.deduped += 1),
    scope_busy: () => (summary.busy += 1),
    blocked: (reason) => {
      summary.blocked += 1;
      if (reason !== undefined) summary.blockedReasons[reason] = (summary.blockedReasons[reason] ?? 0) + 1;
    },
  };
  for (const tenant of tenants) {
    try {
      const result = await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
      tally[result.outcome](result.outcome === "blocked" ? result.reason : undefined);
    } catch (error) {
      if (!(error instanceof TenantNotFoundError)) throw error;
      summary.gone += 1;
    }
  }
  return summary;
}

/** The summary as the one log line the nightly run leaves. */
export function describeFanOut(summary: FanOutSummary): string {
  const reasons = Object.entries(summary.blockedReasons).map(([reason, count]) => `${reason} ×${count}`);
  return (
    `nightly inventory fan-out: ${summary.tenants} active tenants → ${summary.accepted} accepted, ${summary.deduped} deduped, ` +
    `${summary.busy} busy, ${summary.blocked} blocked${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}` +
    (summary.gone > 0 ? `, ${summary.gone} gone` : "")
  );
}
