import { allNeededPermissions } from "@tenantpilot/dispatch-gate/contract";
import type { SandboxConsentStore } from "@tenantpilot/provider-graph";
import type { Context } from "@tenantpilot/api";
import type { SandboxEntra } from "../app/load-context";

/** The app registration's requested permissions: everything some operation needs, nothing broader. */
const requestedPermissions: readonly string[] = [...allNeededPermissions].sort();

/**
 * The sandbox's Entra as one request sees it: the answer is written to the consent store the
 * worker's sandbox reads; redirect URIs must be on an origin this app answers at (Entra only
 * redirects to reply URLs registered on the app — ours are our own consent page).
 */
export function sandboxEntraFor(ctx: Context, allowedOrigins: readonly string[], store: SandboxConsentStore): SandboxEntra {
  const ownOrigins = new Set([ctx.selfOrigin, ...allowedOrigins]);
  return {
    requestedPermissions,
    isOwnUrl: (url) => (url.protocol === "http:" || url.protocol === "https:") && ownOrigins.has(url.origin),
    sameOrigin: ctx.sameOrigin,
    async grantAdminConsent(input) {
      await store.grant({ ...input, permissions: requestedPermissions });
    },
  };
}
