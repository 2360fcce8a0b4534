import { openSecret } from "@tenantpilot/auth";
import { ConnectionRef, type ClaimedRun } from "@tenantpilot/dispatch-gate";
import type { RunConnection, RunTenant } from "./run-context";
import type { WorkerDeps } from "./worker-deps";

export type BoundConnection =
  | { usable: true; tenant: RunTenant; connection: RunConnection; clientSecret: string }
  /** The run must not call the provider: it ends with this reason, told in the run's detail. */
  | { usable: false; reason: "connection_changed" | "provider_credentials_missing"; detail: string };

/**
 * The connection the gate bound the run to, as it is now. The run keeps to that identity: if the
 * connection was deleted, disabled, or its identity (client id, secret → identity_version) changed
 * since admission, the run ends as connection_changed without calling Microsoft — it would act
 * with credentials nobody approved for it. The secret is decrypted here and only handed to the
 * Graph client; it is never logged, stored in diagnostics or put in an error.
 */
export async function loadBoundConnection(deps: WorkerDeps, run: ClaimedRun): Promise<BoundConnection> {
  const snapshot = ConnectionRef.safeParse(run.connectionSnapshot);
  const tenant = await deps.prisma.tenant.findUniqueOrThrow({
    where: { id: run.tenantId },
    select: { id: true, slug: true, displayName: true, microsoftTenantId: true },
  });
  if (!snapshot.success) {
    return { usable: false, reason: "connection_changed", detail: "The run carries no identity of the connection it was bound to." };
  }
  const bound = snapshot.data;
  if (run.providerConnectionId === null) {
    return { usable: false, reason: "connection_changed", detail: `The connection "${bound.displayName}" was deleted after the run was queued.` };
  }
  const current = await deps.prisma.providerConnection.findUnique({
    where: { id: run.providerConnectionId },
    select: { id: true, displayName: true, clientId: true, identityVersion: true, enabled: true, clientSecretEncrypted: true, tenantId: true },
  });
  if (current === null || current.tenantId !== run.tenantId) {
    return { usable: false, reason: "connection_changed", detail: `The connection "${bound.displayName}" was deleted after the run was queued.` };
  }
  if (!current.enabled) {
    return { usable: false, reason: "connection_changed", detail: `The connection "${current.displayName}" was disabled after the run was queued.` };
  }
  if (current.identityVersion !== bound.identityVersion || current.clientId !== bound.clientId) {
    return {
      usable: false,
      reason: "connection_changed",
      detail: `The identity of "${current.displayName}" changed after the run was queued (version ${bound.identityVersion} → ${current.identityVersion}).`,
    };
  }
  if (current.clientSecretEncrypted === null) {
    return { usable: false, reason: "provider_credentials_missing", detail: `The connection "${current.displayName}" has no client secret.` };
  }
  return {
    usable: true,
    tenant,
    connection: { id: current.id, displayName: current.displayName, clientId: current.clientId, identityVersion: current.identityVersion },
    // SecretBoxError (wrong key, tampered value) propagates: the harness reports it without the value.
    clientSecret: openSecret(current.clientSecretEncrypted, deps.encryptionKey),
  };
}
