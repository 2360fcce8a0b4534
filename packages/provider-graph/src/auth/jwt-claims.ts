/** The claims of an app-only Entra access token that this product reads. */
export interface AccessTokenClaims {
  tid?: string;
  appid?: string;
  aud?: string;
  roles?: string[];
  exp?: number;
  [claim: string]: unknown;
}

/**
 * Reads the payload of a JWT without verifying its signature. That is sound here because we
 * only ever decode a token we just received over TLS from the authority ourselves, to learn
 * which application permissions it carries; it is never used to authenticate anyone. Graph,
 * which does rely on the token, verifies it.
 */
export function decodeJwtClaims(token: string): AccessTokenClaims | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as AccessTokenClaims) : undefined;
  } catch {
    return undefined;
  }
}

export function rolesOf(claims: AccessTokenClaims | undefined): string[] {
  const roles = claims?.roles;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === "string") : [];
}
