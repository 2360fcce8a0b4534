import type { Db } from "@tenantpilot/db";
import { previewStart, toRunRef } from "@tenantpilot/dispatch-gate";
import { appRegistrationGuide, routes } from "@tenantpilot/dispatch-gate/contract";
import type { ApiEnvironment } from "../../context";
import { consentLinkFor, consentRedirectUriFor } from "../consent-link";
import { connectionViewSelect, toConnectionView } from "../connection-view";
import { readDraft } from "./draft-data";
import { firstSyncStart } from "./steps";

/** Where the API was reached and how it talks to Microsoft: what the links of a draft depend on. */
export interface LinkContext {
  env: Pick<ApiEnvironment, "consentRedirectUri" | "providerMode">;
  selfOrigin: string;
}

/**
 * A draft as the wizard shows it, whatever its step: the tenant, the connection and its consent
 * link (which returns to this draft), the app registration the connection step asks for (the
 * catalogue's permissions per operation and the steps in Entra), the runs of its two starts and
 * what the gate would answer the first sync now. One read for the whole page.
 */
export async function draftView(db: Db, draftId: string, links: LinkContext) {
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
          select: { id: true, slug: true, displayName: true, status: true, microsoftTenantId: true, onboardedAt: true },
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
    /** Consent for the draft's connection; Entra's answer leads back to this draft (state). */
    consent:
      connection === null || tenant === null
        ? null
        : consentLinkFor(links.env, links.selfOrigin, { microsoftTenantId: tenant.microsoftTenantId, clientId: connection.clientId }, routes.onboardingDraft(draft.id)),
    appRegistration: appRegistrationGuide(consentRedirectUriFor(links.env, links.selfOrigin)),
    verifyRun: run(verifyRunId),
    firstSyncRun: run(firstSyncRunId),
    firstSyncPreview,
    createdBy: meta.createdBy,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  };
}
export type DraftView = Awaited<ReturnType<typeof draftView>>;
