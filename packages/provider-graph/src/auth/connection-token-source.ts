import { ConfidentialClientApplication } from "@azure/msal-node";
import { RequestDiagnostics } from "../client/request-diagnostics";
import { providerErrorFromTokenFailure } from "../errors/token-error-mapping";
import { ProviderError } from "../errors/provider-error";
import { FetchNetworkModule, type FetchLike } from "./fetch-network-module";

export interface ConnectionIdentity {
  /** Microsoft (Entra) tenant GUID. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** The resource the token is for, e.g. https://graph.microsoft.com */
  resource: string;
}

export interface AccessToken {
  token: string;
  expiresOn: Date;
  fromCache: boolean;
}

/** Hosts MSAL ships endpoint metadata for; any other host is trusted explicitly instead. */
const microsoftAuthorityHosts = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.partner.microsoftonline.cn",
]);

/**
 * Tokens of one connection: one MSAL confidential client whose in-memory cache returns the
 * same token until it nears expiry (MSAL renews 5 minutes early), plus the diagnostics of
 * that connection's requests.
 */
export class ConnectionTokenSource {
  readonly diagnostics = new RequestDiagnostics();
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;
  private inflight: Promise<AccessToken> | undefined;

  constructor(
    private readonly identity: ConnectionIdentity,
    fetchImpl: FetchLike,
    timeoutMs: number,
  ) {
    const authority = new URL(identity.authorityHost);
    this.scope = `${new URL(identity.resource).origin}/.default`;
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: identity.clientId,
        authority: `${authority.origin}/${identity.tenantId}`,
        // An empty secret makes MSAL throw a configuration error at construction; acquire()
        // reports it as missing credentials instead.
        clientSecret: identity.clientSecret || "missing",
        // For a non-Microsoft host (a sovereign or test authority), trusting it explicitly
        // skips instance discovery; MSAL then reads its OpenID configuration.
        ...(microsoftAuthorityHosts.has(authority.hostname) ? {} : { knownAuthorities: [authority.host] }),
      },
      system: { networkClient: new FetchNetworkModule(fetchImpl, this.diagnostics, timeoutMs) },
    });
  }

  /**
   * A valid token, from MSAL's cache unless `forceRefresh` (used after Graph rejected a token
   * and by connection checks, which must see the permissions granted right now).
   */
  acquire(options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    if (!this.identity.clientSecret) {
      return Promise.reject(
        new ProviderError({
          reason: "provider_credentials_missing",
          message: "The connection has no client secret.",
          transient: false,
        }),
      );
    }
    // Concurrent callers on a cold cache share one token request.
    if (!options.forceRefresh && this.inflight) return this.inflight;
    const request = this.request(options.forceRefresh === true);
    if (!options.forceRefresh) {
      this.inflight = request;
      void request.then(
        () => this.clearInflight(request),
        () => this.clearInflight(request),
      );
    }
    return request;
  }

  private clearInflight(request: Promise<AccessToken>): void {
    if (this.inflight === request) this.inflight = undefined;
  }

  private async request(forceRefresh: boolean): Promise<AccessToken> {
    try {
      const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope], skipCache: forceRefresh });
      if (!result) {
        throw new ProviderError({ reason: "internal_error", message: "Microsoft Entra returned no token.", transient: false });
      }
      return {
        token: result.accessToken,
        expiresOn: result.expiresOn ?? new Date(Date.now() + 60_000),
        fromCache: result.fromCache,
      };
    } catch (error) {
      throw providerErrorFromTokenFailure(error);
    }
  }
}
