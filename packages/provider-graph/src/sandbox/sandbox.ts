import type { RequestHandler } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import { defaultAuthorityHost, defaultGraphBaseUrl } from "../client/graph-client";
import { SandboxTokenIssuer } from "./access-tokens";
import type { SandboxConsentStore } from "./consent-store";
import { SandboxConsentSync } from "./consent-sync";
import { applyDemoConditions } from "./demo-tenants";
import { graphHandlers } from "./graph-handlers";
import { identityHandlers } from "./identity-handlers";
import type { SandboxContext } from "./sandbox-context";
import { SandboxTenant, type SandboxRequestRecord, type TenantCounts } from "./sandbox-tenant";
import { isUuid } from "@tenantpilot/dispatch-gate/contract";

export interface SandboxOptions {
  authorityHost?: string;
  graphBaseUrl?: string;
  /**
   * Accept any non-empty secret for apps nobody registered (with consent and every permission).
   * Default true: `npm start` serves a seeded database whose secrets the sandbox cannot know.
   */
  acceptUnregisteredApps?: boolean;
  /** Page size when a request has no `$top` (Graph's defaults vary; small pages exercise paging). */
  pageSize?: number;
  tokenLifetimeSeconds?: number;
  counts?: Partial<TenantCounts>;
  /**
   * Admin-consent answers given outside this sandbox (the simulated consent prompt of the admin
   * app, possibly in another process). Read on every token request; each answer overrides the
   * app's consent state once (see SandboxConsentSync).
   */
  consents?: SandboxConsentStore;
}

export interface Sandbox {
  /** Not listening yet: tests call `server.listen({ onUnhandledRequest: "error" })`. */
  readonly server: SetupServer;
  readonly handlers: RequestHandler[];
  /** The tenant with this Microsoft tenant GUID, created (healthy, with generated data) on first use. */
  tenant(msTenantId: string, profile?: { displayName?: string; domain?: string }): SandboxTenant;
  tenants(): SandboxTenant[];
  /** Every request the sandbox answered, oldest first. */
  readonly requests: readonly SandboxRequestRecord[];
  /** Forgets all tenants, issued tokens and recorded requests (stored consent answers apply again). */
  reset(): void;
}


export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const tenants = new Map<string, SandboxTenant>();
  const requests: SandboxRequestRecord[] = [];
  const tokens = new SandboxTokenIssuer();
  const acceptUnregisteredApps = options.acceptUnregisteredApps ?? true;
  const consentSync = options.consents ? new SandboxConsentSync(options.consents) : undefined;

  function tenant(msTenantId: string, profile: { displayName?: string; domain?: string } = {}): SandboxTenant {
    if (!isUuid(msTenantId)) throw new Error(`sandbox tenants are keyed by GUID, got "${msTenantId}"`);
    const key = msTenantId.toLowerCase();
    let state = tenants.get(key);
    if (!state) {
      const short = key.replace(/-/g, "").slice(0, 6);
      state = new SandboxTenant(
        {
          tenantId: key,
          displayName: profile.displayName ?? `Sandbox tenant ${short}`,
          domain: profile.domain ?? `sandbox${short}.onmicrosoft.com`,
        },
        { acceptUnregisteredApps, ...(options.counts ? { counts: options.counts } : {}) },
      );
      tenants.set(key, state);
    }
    return state;
  }

  const context: SandboxContext = {
    authorityOrigin: new URL(options.authorityHost ?? defaultAuthorityHost).origin,
    graphOrigin: new URL(options.graphBaseUrl ?? defaultGraphBaseUrl).origin,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    pageSize: options.pageSize ?? 10,
    tokens,
    tenantFor(idOrDomain) {
      if (isUuid(idOrDomain)) return tenant(idOrDomain);
      const domain = idOrDomain.toLowerCase();
      return [...tenants.values()].find((candidate) => candidate.domain.toLowerCase() === domain);
    },
    async applyStoredConsent(state, clientId) {
      await consentSync?.apply(state, clientId);
    },
    record(entry, owner) {
      requests.push(entry);
      owner?.requests.push(entry);
    },
  };

  const handlers = [...identityHandlers(context), ...graphHandlers(context)];
  return {
    server: setupServer(...handlers),
    handlers,
    tenant,
    tenants: () => [...tenants.values()],
    requests,
    reset() {
      tenants.clear();
      tokens.clear();
      consentSync?.clear();
      requests.length = 0;
    },
  };
}

const microsoftHostPattern = /(^|\.)(microsoft\.com|microsoftonline\.com|windows\.net|microsoft\.us|microsoftonline\.us|chinacloudapi\.cn)$/i;

export interface RunningSandbox extends Sandbox {
  stop(): void;
}

/**
 * The sandbox for a long-running process (`npm start`'s worker in sandbox mode): demo tenants
 * applied, Microsoft hosts intercepted (an unknown Microsoft endpoint is an error), everything
 * else — localhost, the database, the npm registry — passes through untouched.
 */
export function startSandbox(options: SandboxOptions & { demo?: boolean } = {}): RunningSandbox {
  const sandbox = createSandbox(options);
  if (options.demo !== false) applyDemoConditions(sandbox);
  const ownHosts = new Set(
    [options.authorityHost ?? defaultAuthorityHost, options.graphBaseUrl ?? defaultGraphBaseUrl].map((url) => new URL(url).host),
  );
  sandbox.server.listen({
    onUnhandledRequest(request, print) {
      const { host, hostname } = new URL(request.url);
      if (ownHosts.has(host) || microsoftHostPattern.test(hostname)) print.error();
    },
  });
  return { ...sandbox, stop: () => sandbox.server.close() };
}
