import type { SandboxTokenIssuer } from "./access-tokens";
import type { SandboxRequestRecord, SandboxTenant } from "./sandbox-tenant";

/** What the msw handlers share with the sandbox that owns them. */
export interface SandboxContext {
  authorityOrigin: string;
  graphOrigin: string;
  tokenLifetimeSeconds: number;
  /** Default page size when a request has no `$top`. */
  pageSize: number;
  tokens: SandboxTokenIssuer;
  /** A tenant by GUID (created on first use) or by a domain of an existing tenant. */
  tenantFor(idOrDomain: string): SandboxTenant | undefined;
  /** Applies a consent answer from the sandbox's consent store, if there is a new one for this app. */
  applyStoredConsent(tenant: SandboxTenant, clientId: string): Promise<void>;
  record(entry: SandboxRequestRecord, tenant?: SandboxTenant): void;
}
