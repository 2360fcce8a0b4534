import { randomUUID } from "node:crypto";

/** One administrator's answer to the sandbox's admin-consent prompt for an app in a tenant. */
export interface SandboxConsentRecord {
  /** Unique per answer: a sandbox applies each answer once, so its own later knobs are not undone. */
  id: string;
  /** Microsoft tenant GUID, lower case. */
  microsoftTenantId: string;
  /** Application (client) id, lower case. */
  clientId: string;
  consent: "granted" | "revoked";
  /** Application permissions the administrator granted (empty for a revocation). */
  permissions: string[];
  /** When the answer was given (ISO 8601). */
  at: string;
}

export interface SandboxConsentTarget {
  microsoftTenantId: string;
  clientId: string;
}

/**
 * Where the sandbox's Entra keeps admin-consent answers. In `npm start` the admin app (which
 * serves the simulated consent prompt) writes and the worker (whose sandbox issues the tokens)
 * reads, so the record must outlive and cross processes: `fileSandboxConsentStore`. Tests that
 * keep everything in one process use `memorySandboxConsentStore`.
 */
export interface SandboxConsentStore {
  /** The latest answer for this app in this tenant; the token endpoint asks on every request. */
  find(target: SandboxConsentTarget): Promise<SandboxConsentRecord | undefined>;
  /** Admin consent granted with these application permissions (Entra adds them to the app's grants). */
  grant(target: SandboxConsentTarget & { permissions: readonly string[] }): Promise<SandboxConsentRecord>;
  /** Consent withdrawn (the service principal deleted): token requests fail with AADSTS7000229. */
  revoke(target: SandboxConsentTarget): Promise<SandboxConsentRecord>;
}

/** A key both stores and the sandbox agree on: GUIDs compare case-insensitively in Entra. */
export function consentKey(target: SandboxConsentTarget): string {
  return `${target.microsoftTenantId.toLowerCase()}/${target.clientId.toLowerCase()}`;
}

export function consentRecord(
  target: SandboxConsentTarget,
  consent: SandboxConsentRecord["consent"],
  permissions: readonly string[],
  now = new Date(),
): SandboxConsentRecord {
  return {
    id: randomUUID(),
    microsoftTenantId: target.microsoftTenantId.toLowerCase(),
    clientId: target.clientId.toLowerCase(),
    consent,
    permissions: consent === "granted" ? [...new Set(permissions)].sort() : [],
    at: now.toISOString(),
  };
}
