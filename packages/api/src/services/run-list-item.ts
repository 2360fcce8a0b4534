import type { Prisma } from "@tenantpilot/db";
import { operationCatalog } from "@tenantpilot/dispatch-gate/contract";
import { toRunRef } from "@tenantpilot/dispatch-gate";
import { boundConnection } from "./run-reason";

export const runListSelect = {
  id: true,
  operation: true,
  status: true,
  targetKind: true,
  targetId: true,
  scopeKey: true,
  initiatorKind: true,
  initiatorUserId: true,
  reasonCode: true,
  itemsSeen: true,
  itemsChanged: true,
  itemsFailed: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  connectionSnapshot: true,
  initiatorUser: { select: { displayName: true } },
  tenant: { select: { id: true, slug: true, displayName: true } },
} as const satisfies Prisma.OperationRunSelect;

export type RunListRow = Prisma.OperationRunGetPayload<{ select: typeof runListSelect }>;

/** Who started a run, in words: the person, or the system (a schedule's batch, housekeeping). */
export function startedByOf(row: Pick<RunListRow, "initiatorKind" | "initiatorUser">): { kind: "user" | "system"; name: string } {
  if (row.initiatorKind === "system") return { kind: "system", name: "Schedule (system)" };
  return { kind: "user", name: row.initiatorUser?.displayName ?? "Former member" };
}

/**
 * A run as lists show it: the contract's RunRef plus where, what, how far, how long it took (or has
 * been running), who started it and the connection it was bound to, by name (as it was at
 * admission: the run used that identity).
 */
export function toRunListItem(row: RunListRow) {
  const ref = toRunRef(row);
  const bound = boundConnection(row.connectionSnapshot);
  return {
    ...ref,
    label: operationCatalog[ref.operation].label,
    tenant: row.tenant,
    target: { kind: row.targetKind, id: row.targetId },
    scopeKey: row.scopeKey,
    initiator: { kind: row.initiatorKind, userId: row.initiatorUserId },
    startedBy: startedByOf(row),
    connection: bound === null ? null : { id: bound.id, displayName: bound.displayName },
    reasonCode: row.reasonCode,
    counts: { seen: row.itemsSeen, changed: row.itemsChanged, failed: row.itemsFailed },
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    /** From start to end; while running, so far; null until a worker started it. */
    durationMs: row.startedAt === null ? null : (row.finishedAt ?? new Date()).getTime() - row.startedAt.getTime(),
  };
}
export type RunListItem = ReturnType<typeof toRunListItem>;
