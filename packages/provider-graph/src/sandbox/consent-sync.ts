import { consentKey, type SandboxConsentStore } from "./consent-store";
import type { SandboxTenant } from "./sandbox-tenant";

/**
 * Brings a sandbox tenant's app up to date with the consent store before Entra answers a token
 * request. Each stored answer is applied once: afterwards the sandbox's own knobs (tests, demo
 * conditions) change the app as before, and only a newer answer overrides them — the latest
 * change wins, whichever side made it.
 */
export class SandboxConsentSync {
  /** Per tenant/app: the id of the answer last applied. */
  private readonly applied = new Map<string, string>();

  constructor(private readonly store: SandboxConsentStore) {}

  async apply(tenant: SandboxTenant, clientId: string): Promise<void> {
    // An app Entra does not know in this tenant: an answer for it changes nothing.
    if (clientId === "" || !tenant.app(clientId)) return;
    const target = { microsoftTenantId: tenant.tenantId, clientId };
    const record = await this.store.find(target);
    const key = consentKey(target);
    // No await between this check and the change: concurrent token requests apply it once.
    if (!record || this.applied.get(key) === record.id) return;
    this.applied.set(key, record.id);
    if (record.consent === "revoked") {
      tenant.revokeConsent(clientId);
      return;
    }
    tenant.grantConsent(clientId);
    for (const permission of record.permissions) tenant.grantPermission(permission, clientId);
  }

  /** Forget what was applied (the sandbox forgot its tenants): answers apply again. */
  clear(): void {
    this.applied.clear();
  }
}
