import {
  describe,
  routes,
  type ConnectionRef,
  type PreviewResult,
  type RunRef,
  type StartResult,
} from "@tenantpilot/dispatch-gate/contract";

export const syncRunId = "3f1c2b7e-5d4a-4c7b-9a51-0c6f2d8e9b10";
export const captureRunId = "8a2d4e6f-1b3c-4d5e-8f70-112233445566";

export const connection: ConnectionRef = {
  id: "conn-contoso",
  displayName: "Contoso Graph app",
  clientId: "00000000-0000-0000-0000-00000000c0c0",
  identityVersion: 2,
};

export const syncRun: RunRef = { id: syncRunId, operation: "inventory.sync", status: "queued", href: routes.run(syncRunId) };
export const runningSync: RunRef = { ...syncRun, status: "running" };

const consentMissing = describe({ reason: "provider_consent_missing", context: { tenantSlug: "contoso", connectionId: connection.id } });

export const startResults = {
  accepted: { outcome: "accepted", run: syncRun, connection },
  deduped: { outcome: "deduped", run: runningSync },
  scope_busy: {
    outcome: "scope_busy",
    scope: { tenantId: "tenant-contoso", scopeKey: "policies", label: "Intune policies" },
    blockingRun: runningSync,
  },
  blocked: { outcome: "blocked", reason: "provider_consent_missing", ...consentMissing },
} as const satisfies { [K in StartResult["outcome"]]: Extract<StartResult, { outcome: K }> };

export const previews = {
  ready: { outcome: "ready", connection },
  deduped: startResults.deduped,
  scope_busy: startResults.scope_busy,
  blocked: startResults.blocked,
} as const satisfies { [K in PreviewResult["outcome"]]: Extract<PreviewResult, { outcome: K }> };

export const expectedNextStepHref = routes.connection(connection.id);
