import type { Db } from "@tenantpilot/db";
import { previewStart, toRunRef } from "@tenantpilot/dispatch-gate";
import { connectionViewSelect, toConnectionView } from "../connection-view";
import { readDraft } from "./draft-data";
import { firstSyncStart } from "./steps";

/** A draft as the wizard shows it when it is resumed. */
export async function draftView(db: Db, draftId: string) {
  const draft = await readDraft(db, draftId, { lock: false });
  const { connectionId, verifyRunId, firstSyncRunId } = draft.data;
  const runIds = [verifyRunId, firstSyncRunId].filter((id): id is string => id !== undefined);
  const [meta, tenant, connection, runs] = await Promise.all([
    db.onboardingDraft.findUniqueOrThrow({
      where: { id: draftId },
      select: { createdAt: true, updatedAt: true, createdBy: { select: { id: true, displayName: true } } },
    }),
    draft.tenantId === null
      ? null
      : db.tenant.findUnique({
          where: { id: draft.tenantId },
          select: { id: true, slug: true, displayName: true, status: true, microsoftTenantId: true },
        }),
    connectionId === undefined
      ? null
      : db.providerConnection.findUnique({ where: { id: connectionId }, select: connectionViewSelect }),
    db.operationRun.findMany({ where: { id: { in: runIds } }, select: { id: true, operation: true, status: true } }),
  ]);
  const run = (id: string | undefined) => {
    const found = runs.find((candidate) => candidate.id === id);
    return found ? toRunRef(found) : null;
  };
  // What the gate would answer the first sync now, shown before the click like any start. A
  // preview reads and writes nothing, so who asks does not change it.
  const firstSyncPreview =
    draft.status === "open" && draft.step === "first_sync" && draft.tenantId !== null
      ? await previewStart(db, { ...firstSyncStart(draft.tenantId), initiator: { kind: "system" } })
      : null;
  return {
    id: draft.id,
    workspaceId: draft.workspaceId,
    step: draft.step,
    status: draft.status,
    tenant,
    connection: connection ? toConnectionView(connection) : null,
    verifyRun: run(verifyRunId),
    firstSyncRun: run(firstSyncRunId),
    firstSyncPreview,
    createdBy: meta.createdBy,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  };
}
export type DraftView = Awaited<ReturnType<typeof draftView>>;
