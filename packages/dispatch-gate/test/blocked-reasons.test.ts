import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { startOperation, type OperationTarget, type StartInput } from "../src";
import { operationCatalog, type OperationId } from "../src/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedBackupSet, seedConnection, seedTenant, seedUser, type TenantSeed } from "./fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

interface Case {
  name: string;
  seed: TenantSeed;
  operation?: OperationId;
  /** Builds the target once the tenant exists (may seed more rows). */
  target?: (ids: { tenantId: string; connectionId: string | undefined }) => Promise<OperationTarget | undefined>;
  expected: {
    reason: string;
    message: string;
    nextStep: (ids: { slug: string; connectionId: string | undefined }) => { label: string; href: string };
    missingPermissions?: string[];
  };
}

const toConnection = (ids: { connectionId: string | undefined }) => `/admin/provider-connections/${ids.connectionId}`;

const cases: Case[] = [
  {
    name: "an archived tenant",
    seed: { status: "archived" },
    expected: {
      reason: "tenant_not_operable",
      message: "This tenant is archived. An owner can unarchive it.",
      // Not the tenant's page the answer is shown on: the tenants list's archived view, where an owner unarchives it.
      nextStep: ({ slug }) => ({ label: "Unarchive the tenant", href: `/admin?status=archived&search=${slug}` }),
    },
  },
  {
    name: "a tenant still onboarding",
    seed: { status: "onboarding" },
    expected: {
      reason: "tenant_not_operable",
      message: "This tenant has not finished onboarding.",
      nextStep: () => ({ label: "Finish onboarding", href: "/admin/onboarding" }),
    },
  },
  {
    name: "a tenant without any connection",
    seed: { connection: null },
    expected: {
      reason: "provider_connection_missing",
      message: "This tenant has no primary provider connection.",
      nextStep: ({ slug }) => ({ label: "Add a provider connection", href: `/admin/provider-connections/new?tenant=${slug}` }),
    },
  },
  {
    name: "a tenant whose only connection is not primary",
    seed: { connection: { isPrimary: false } },
    expected: {
      reason: "provider_connection_missing",
      message: "This tenant has no primary provider connection.",
      nextStep: ({ slug }) => ({ label: "Add a provider connection", href: `/admin/provider-connections/new?tenant=${slug}` }),
    },
  },
  {
    name: "a disabled connection",
    seed: { connection: { enabled: false } },
    expected: {
      reason: "provider_connection_disabled",
      message: "The tenant's provider connection is disabled.",
      nextStep: (ids) => ({ label: "Review the connection", href: toConnection(ids) }),
    },
  },
  {
    name: "a connection without admin consent",
    seed: { connection: { consentState: "pending" } },
    expected: {
      reason: "provider_consent_missing",
      message: "The provider connection has no admin consent in Microsoft Entra.",
      nextStep: (ids) => ({ label: "Grant admin consent", href: toConnection(ids) }),
    },
  },
  {
    name: "a connection whose consent was revoked",
    seed: { connection: { consentState: "revoked" } },
    expected: {
      reason: "provider_consent_missing",
      message: "The provider connection has no admin consent in Microsoft Entra.",
      nextStep: (ids) => ({ label: "Grant admin consent", href: toConnection(ids) }),
    },
  },
  {
    name: "a connection without a secret",
    seed: { connection: { secret: null, secretExpiresAt: null } },
    expected: {
      reason: "provider_credentials_missing",
      message: "The provider connection has no valid client credentials.",
      nextStep: (ids) => ({ label: "Enter the client credentials", href: toConnection(ids) }),
    },
  },
  {
    name: "a connection with an expired secret",
    seed: { connection: { secretExpiresAt: new Date(Date.now() - 60_000) } },
    expected: {
      reason: "provider_credentials_expired",
      message: "The provider connection's client secret has expired or was rejected.",
      nextStep: (ids) => ({ label: "Rotate the client secret", href: toConnection(ids) }),
    },
  },
  {
    name: "a connection lacking the Graph permissions of the operation",
    seed: { connection: { grantedPermissions: ["User.Read.All", "DeviceManagementConfiguration.Read.All"] } },
    operation: "directory.sync",
    expected: {
      reason: "provider_permission_missing",
      message: "The provider connection lacks the Microsoft Graph permission: Group.Read.All.",
      nextStep: (ids) => ({ label: "Grant the missing permissions", href: toConnection(ids) }),
      missingPermissions: ["Group.Read.All"],
    },
  },
  {
    name: "a restore with read-only permissions",
    seed: { connection: { grantedPermissions: ["DeviceManagementConfiguration.Read.All"] } },
    operation: "restore.execute",
    target: async ({ tenantId }) => ({ kind: "backup_set", id: (await seedBackupSet(prisma, tenantId)).id }),
    expected: {
      reason: "provider_permission_missing",
      message: "The provider connection lacks the Microsoft Graph permission: DeviceManagementConfiguration.ReadWrite.All.",
      nextStep: (ids) => ({ label: "Grant the missing permissions", href: toConnection(ids) }),
      missingPermissions: ["DeviceManagementConfiguration.ReadWrite.All"],
    },
  },
  ...targetNotFound("a restore of another tenant's backup set", "restore.execute", async () => {
    const other = await seedTenant(prisma);
    return { kind: "backup_set", id: (await seedBackupSet(prisma, other.tenant.id)).id };
  }),
  ...targetNotFound("a restore of a backup set that does not exist", "restore.execute", async () => ({ kind: "backup_set", id: randomUUID() })),
  ...targetNotFound("a restore with a malformed backup set id", "restore.execute", async () => ({ kind: "backup_set", id: "not-a-uuid" })),
  ...targetNotFound("a restore without a target", "restore.execute", async () => undefined),
  ...targetNotFound("a restore aimed at a tenant instead of a backup set", "restore.execute", async ({ tenantId }) => ({ kind: "tenant", id: tenantId })),
  ...targetNotFound("a report of an unknown kind", "report.generate", async () => ({ kind: "report_kind", id: "salaries" })),
  ...targetNotFound("a sync aimed at another tenant", "inventory.sync", async () => ({ kind: "tenant", id: (await seedTenant(prisma)).tenant.id })),
  ...targetNotFound("a check of another tenant's connection", "connection.check", async () => ({
    kind: "provider_connection",
    id: (await seedTenant(prisma)).connection!.id,
  })),
  {
    name: "a restore of a backup set still capturing",
    seed: {},
    operation: "restore.execute",
    target: async ({ tenantId }) => ({ kind: "backup_set", id: (await seedBackupSet(prisma, tenantId, "capturing")).id }),
    expected: {
      reason: "target_not_ready",
      message: "The selected backup set is not complete.",
      nextStep: ({ slug }) => ({ label: "Choose a complete backup set", href: `/admin/t/${slug}/backups` }),
    },
  },
  {
    name: "a restore of a failed backup set",
    seed: {},
    operation: "restore.execute",
    target: async ({ tenantId }) => ({ kind: "backup_set", id: (await seedBackupSet(prisma, tenantId, "failed")).id }),
    expected: {
      reason: "target_not_ready",
      message: "The selected backup set is not complete.",
      nextStep: ({ slug }) => ({ label: "Choose a complete backup set", href: `/admin/t/${slug}/backups` }),
    },
  },
];

function targetNotFound(name: string, operation: OperationId, target: NonNullable<Case["target"]>): Case[] {
  return [
    {
      name,
      seed: {},
      operation,
      target,
      expected: {
        reason: "target_not_found",
        message: "The selected target does not exist in this tenant.",
        nextStep: ({ slug }) => ({ label: "Back to the tenant", href: `/admin/t/${slug}` }),
      },
    },
  ];
}

describe("blocked: one dominant reason, no run, one audit row", () => {
  it.each(cases)("$name → $expected.reason", async ({ seed, operation = "inventory.sync", target, expected }) => {
    const { tenant, workspace, connection } = await seedTenant(prisma, seed);
    const user = await seedUser(prisma);
    const resolvedTarget = await target?.({ tenantId: tenant.id, connectionId: connection?.id });
    const input: StartInput = {
      tenantId: tenant.id,
      operation,
      ...(resolvedTarget ? { target: resolvedTarget } : {}),
      initiator: { kind: "user", userId: user.id },
      confirmTenant: tenant.slug,
    };

    const result = await startOperation(prisma, input);

    expect(result).toEqual({
      outcome: "blocked",
      reason: expected.reason,
      message: expected.message,
      nextStep: expected.nextStep({ slug: tenant.slug, connectionId: connection?.id }),
      ...(expected.missingPermissions ? { missingPermissions: expected.missingPermissions } : {}),
    });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);
    const audit = await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id } });
    expect(audit).toHaveLength(1);
    const tenantWide = operationCatalog[operation].targetKind === "tenant";
    const expectedTarget = resolvedTarget ?? (tenantWide ? { kind: "tenant", id: tenant.id } : undefined);
    expect(audit[0]).toMatchObject({
      workspaceId: workspace.id,
      actorKind: "user",
      actorUserId: user.id,
      action: "operation.blocked",
      operation,
      reasonCode: expected.reason,
      targetKind: expectedTarget?.kind ?? null,
      targetId: expectedTarget?.id ?? null,
      details: { message: expected.message, ...(expected.missingPermissions ? { missingPermissions: expected.missingPermissions } : {}) },
    });
  });

  it("audits a system start as a system actor", async () => {
    const { tenant } = await seedTenant(prisma, { connection: null });
    const result = await startOperation(prisma, { tenantId: tenant.id, operation: "directory.sync", initiator: { kind: "system" } });
    expect(result.outcome).toBe("blocked");
    const audit = await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id } });
    expect(audit).toMatchObject([{ actorKind: "system", actorUserId: null, reasonCode: "provider_connection_missing" }]);
  });

  it("writes one audit row per blocked attempt and never a run", async () => {
    const { tenant } = await seedTenant(prisma, { connection: { consentState: "pending" } });
    for (let i = 0; i < 3; i++) {
      await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    }
    expect(await prisma.auditLogEntry.count({ where: { tenantId: tenant.id, action: "operation.blocked" } })).toBe(3);
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

describe("rule order against seeded situations", () => {
  const order: { name: string; seed: TenantSeed; expected: string }[] = [
    { name: "archived and without a connection", seed: { status: "archived", connection: null }, expected: "tenant_not_operable" },
    { name: "disabled and without consent", seed: { connection: { enabled: false, consentState: "pending" } }, expected: "provider_connection_disabled" },
    { name: "no consent, no secret", seed: { connection: { consentState: "pending", secret: null } }, expected: "provider_consent_missing" },
    { name: "no secret and no permissions", seed: { connection: { secret: null, grantedPermissions: [] } }, expected: "provider_credentials_missing" },
    { name: "expired and no permissions", seed: { connection: { secretExpiresAt: new Date(Date.now() - 1000), grantedPermissions: [] } }, expected: "provider_credentials_expired" },
  ];
  it.each(order)("$name → $expected", async ({ seed, expected }) => {
    const { tenant } = await seedTenant(prisma, seed);
    const result = await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    expect(result).toMatchObject({ outcome: "blocked", reason: expected });
  });

  it("no permissions and a missing target → provider_permission_missing", async () => {
    const { tenant } = await seedTenant(prisma, { connection: { grantedPermissions: [] } });
    const result = await startOperation(prisma, {
      tenantId: tenant.id,
      operation: "restore.execute",
      target: { kind: "backup_set", id: randomUUID() },
      initiator: { kind: "system" },
      confirmTenant: tenant.slug,
    });
    expect(result).toMatchObject({ outcome: "blocked", reason: "provider_permission_missing" });
  });

  it("a disabled connection blocks its own check, but a missing consent does not", async () => {
    const { tenant } = await seedTenant(prisma, { status: "onboarding", connection: { consentState: "pending" } });
    const disabled = await seedConnection(prisma, tenant.id, { isPrimary: false, enabled: false, consentState: "pending" });
    const check = (id: string) =>
      startOperation(prisma, { tenantId: tenant.id, operation: "connection.check", target: { kind: "provider_connection", id }, initiator: { kind: "system" } });
    expect(await check(disabled.id)).toMatchObject({ outcome: "blocked", reason: "provider_connection_disabled" });
    const primary = await prisma.providerConnection.findFirstOrThrow({ where: { tenantId: tenant.id, isPrimary: true } });
    expect((await check(primary.id)).outcome).toBe("accepted");
  });
});

describe("who the audit row names", () => {
  it("a blocked start made with an API token is audited as the token, on behalf of its user", async () => {
    const { tenant } = await seedTenant(prisma, { connection: { consentState: "pending" } });
    const user = await seedUser(prisma);
    const tokenId = randomUUID();
    const result = await startOperation(prisma, {
      tenantId: tenant.id,
      operation: "inventory.sync",
      initiator: { kind: "token", userId: user.id, tokenId },
    });
    expect(result).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });
    const entry = await prisma.auditLogEntry.findFirstOrThrow({ where: { tenantId: tenant.id, action: "operation.blocked" } });
    expect(entry).toMatchObject({ actorKind: "token", actorUserId: user.id, details: expect.objectContaining({ tokenId }) });
  });
});
