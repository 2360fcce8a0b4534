import { dataDir } from "@tenantpilot/db";
import {
  ConfidentialAppCache,
  createGraphClient,
  fileSandboxConsentStore,
  sandboxConsentFile,
  startSandbox,
  type FetchLike,
  type GraphClient,
  type RetryOptions,
  type Sandbox,
  type SandboxConsentStore,
} from "@tenantpilot/provider-graph";

export type ProviderMode = "sandbox" | "microsoft";

export interface ProviderOptions {
  /** sandbox (default): Microsoft simulated in this process; microsoft: the real endpoints. */
  mode: ProviderMode;
  /**
   * Sandbox mode: use this sandbox (its owner listens and stops it — tests do) instead of
   * starting the demo sandbox inside the worker.
   */
  sandbox?: Sandbox;
  /**
   * Sandbox mode, own sandbox only: where the simulated admin-consent prompt's answers are read.
   * Default: the installation's file (`<data dir>/sandbox/consents.json`), which the admin app
   * writes — so consent granted in the browser reaches this process's sandbox.
   */
  sandboxConsents?: SandboxConsentStore;
  /** Sandbox mode: delay every Graph response of every tenant (TENANTPILOT_SANDBOX_SLOW_MS). */
  sandboxSlowMs?: number;
  /** The Graph client's own retries of 429/503 inside one attempt. */
  graphRetry?: Partial<RetryOptions>;
  graphTimeoutMs?: number;
  authorityHost?: string;
  graphBaseUrl?: string;
  /** Called with the status of every Microsoft response (Graph and token endpoint): metrics. */
  onResponse?: (status: number) => void;
}

export interface ConnectionCredentials {
  /** tenants.microsoft_tenant_id */
  microsoftTenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface Provider {
  readonly mode: ProviderMode;
  graphClient(credentials: ConnectionCredentials): GraphClient;
  stop(): void;
}

/**
 * The same Graph client in both modes; sandbox mode only adds msw in front of the Microsoft
 * hosts (provider-graph ADR 004), so a run in `npm start` exercises the production code path.
 */
export function createProvider(options: ProviderOptions): Provider {
  const appCache = new ConfidentialAppCache();
  const ownSandbox =
    options.mode === "sandbox" && options.sandbox === undefined
      ? startSandbox({ demo: true, consents: options.sandboxConsents ?? fileSandboxConsentStore(sandboxConsentFile(dataDir())) })
      : undefined;
  const sandbox = options.mode === "sandbox" ? (options.sandbox ?? ownSandbox) : undefined;

  return {
    mode: options.mode,
    graphClient(credentials) {
      if (sandbox && options.sandboxSlowMs !== undefined && options.sandboxSlowMs > 0) {
        sandbox.tenant(credentials.microsoftTenantId).slow(options.sandboxSlowMs);
      }
      return createGraphClient({
        tenantId: credentials.microsoftTenantId,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        appCache,
        ...(options.graphRetry === undefined ? {} : { retry: options.graphRetry }),
        ...(options.graphTimeoutMs === undefined ? {} : { timeoutMs: options.graphTimeoutMs }),
        ...(options.authorityHost === undefined ? {} : { authorityHost: options.authorityHost }),
        ...(options.graphBaseUrl === undefined ? {} : { graphBaseUrl: options.graphBaseUrl }),
        ...(options.onResponse === undefined ? {} : { fetch: observedFetch(options.onResponse) }),
      });
    },
    stop() {
      ownSandbox?.stop();
    },
  };
}

/** The global fetch at call time (msw patches it in sandbox mode), reporting each response's status. */
function observedFetch(onResponse: (status: number) => void): FetchLike {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    onResponse(response.status);
    return response;
  };
}
