import type { Prisma } from "@tenantpilot/db";
import { operationCatalog } from "@tenantpilot/dispatch-gate/contract";
import { toRunRef } from "@tenantpilot/dispatch-gate";

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
  tenant: { select: { id: true, slug: true, displayName: true } },
} as const satisfies Prisma.OperationRunSelect;

export type RunListRow = Prisma.OperationRunGetPayload<{ select: typeof runListSelect }>;

/** A run as lists show it: the contract's RunRef plus where, what and how far. */
export function toRunListItem(row: RunListRow) {
  const ref = toRunRef(row);
  return {
    ...ref,
    label: operationCatalog[ref.operation].label,
    tenant: row.tenant,
    target: { kind: row.targetKind, id: row.targetId },
    scopeKey: row.scopeKey,
    initiator: { kind: row.initiatorKind, userId: row.initiatorUserId },
    reasonCode: row.reasonCode,
    counts: { seen: row.itemsSeen, changed: row.itemsChanged, failed: row.itemsFailed },
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
export type RunListItem = ReturnType<typeof toRunListItem>;
