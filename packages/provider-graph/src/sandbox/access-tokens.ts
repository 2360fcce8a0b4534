import { randomBytes } from "node:crypto";
import { decodeJwtClaims, rolesOf } from "../auth/jwt-claims";
import type { SandboxApp, SandboxTenant } from "./sandbox-tenant";

interface IssuedToken {
  tenantId: string;
  clientId: string;
  generation: number;
  exp: number;
}

export type TokenVerification =
  | { ok: true; tenantId: string; clientId: string; roles: string[] }
  | { ok: false; message: string };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * Issues the sandbox's access tokens: well-formed JWTs with the claims Graph and our client
 * read (`tid`, `appid`, `roles`, `exp`…) but unsigned (`alg: none`) — nothing outside this
 * process is meant to trust them. Graph handlers accept only tokens issued here and still
 * current for the app (a knob that changes the app invalidates older tokens).
 */
export class SandboxTokenIssuer {
  private readonly issued = new Map<string, IssuedToken>();

  issue(tenant: SandboxTenant, app: SandboxApp, resource: string, lifetimeSeconds: number): string {
    const now = Math.floor(Date.now() / 1000);
    const uti = randomBytes(16).toString("base64url");
    const issuer = `https://sts.windows.net/${tenant.tenantId}/`;
    const roles = [...app.permissions].sort();
    const claims = {
      aud: resource,
      iss: issuer,
      iat: now,
      nbf: now,
      exp: now + lifetimeSeconds,
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: "1",
      idp: issuer,
      idtyp: "app",
      oid: app.servicePrincipalId,
      // Entra omits the claim entirely when no application permission is granted.
      ...(roles.length > 0 ? { roles } : {}),
      sub: app.servicePrincipalId,
      tid: tenant.tenantId,
      uti,
      ver: "1.0",
    };
    this.prune(now);
    this.issued.set(uti, { tenantId: tenant.tenantId, clientId: app.clientId, generation: app.generation, exp: claims.exp });
    return `${encode({ typ: "JWT", alg: "none" })}.${encode(claims)}.`;
  }

  verify(
    token: string,
    audience: string,
    currentGeneration: (tenantId: string, clientId: string) => number | undefined,
  ): TokenVerification {
    const claims = decodeJwtClaims(token);
    const uti = typeof claims?.uti === "string" ? claims.uti : undefined;
    const record = uti === undefined ? undefined : this.issued.get(uti);
    if (!claims || !record) return { ok: false, message: "IDX14100: JWT is not well formed or was not issued by this authority." };
    if (claims.aud !== audience) return { ok: false, message: `Invalid audience: the token was not issued for ${audience}.` };
    if (record.exp <= Math.floor(Date.now() / 1000)) return { ok: false, message: "Lifetime validation failed, the token is expired." };
    if (currentGeneration(record.tenantId, record.clientId) !== record.generation) {
      return { ok: false, message: "The token was revoked: the application's credentials or permissions changed." };
    }
    return { ok: true, tenantId: record.tenantId, clientId: record.clientId, roles: rolesOf(claims) };
  }

  clear(): void {
    this.issued.clear();
  }

  private prune(nowSeconds: number): void {
    if (this.issued.size < 10_000) return;
    for (const [uti, record] of this.issued) if (record.exp <= nowSeconds) this.issued.delete(uti);
  }
}
