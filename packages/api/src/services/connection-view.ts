import type { Prisma } from "@tenantpilot/db";
import { describe, secretExpiryOf, type SecretExpiryState } from "@tenantpilot/dispatch-gate/contract";

/** Columns a connection is shown with. The sealed secret is selected only as "is there one". */
export const connectionViewSelect = {
  id: true,
  tenantId: true,
  displayName: true,
  clientId: true,
  clientSecretEncrypted: true,
  clientSecretExpiresAt: true,
  consentState: true,
  grantedPermissions: true,
  isPrimary: true,
  enabled: true,
  identityVersion: true,
  lastCheckAt: true,
  lastCheckStatus: true,
  lastCheckReason: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ProviderConnectionSelect;

type ConnectionRow = Prisma.ProviderConnectionGetPayload<{ select: typeof connectionViewSelect }>;

export interface ConnectionView {
  id: string;
  tenantId: string;
  displayName: string;
  clientId: string;
  /** The secret itself never leaves the server. */
  hasSecret: boolean;
  secretExpiresAt: Date | null;
  /** How far the secret's end is (expiring: within 30, 7 or 1 days — the warning thresholds), in words too. */
  secretExpiry: SecretExpiryState & { words: string };
  consentState: string;
  grantedPermissions: string[];
  isPrimary: boolean;
  enabled: boolean;
  identityVersion: number;
  lastCheck: { at: Date; status: string | null; reason: string | null } | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toConnectionView(row: ConnectionRow): ConnectionView {
  const secretExpiry = secretExpiryOf(row.clientSecretEncrypted === null ? null : row.clientSecretExpiresAt, new Date());
  return {
    id: row.id,
    tenantId: row.tenantId,
    displayName: row.displayName,
    clientId: row.clientId,
    hasSecret: row.clientSecretEncrypted !== null,
    secretExpiresAt: row.clientSecretExpiresAt,
    secretExpiry: { ...secretExpiry, words: describe({ secretExpiry }) },
    consentState: row.consentState,
    grantedPermissions: row.grantedPermissions,
    isPrimary: row.isPrimary,
    enabled: row.enabled,
    identityVersion: row.identityVersion,
    lastCheck: row.lastCheckAt === null ? null : { at: row.lastCheckAt, status: row.lastCheckStatus, reason: row.lastCheckReason },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
