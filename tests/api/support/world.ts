// A small multi-workspace world for API tests, built with Prisma in the file's own database:
// a home workspace with a tenant ready to start and one whose connection lacks consent, users
// per role (one restricted to a single tenant), and another workspace with its own tenant and
// owner. Every tenant has a connection, a failed run and a complete backup set.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tenantpilot/db";
import type { Role } from "@tenantpilot/auth";
import { allNeededPermissions } from "@tenantpilot/dispatch-gate/contract";

export const PASSWORD = "correct horse battery staple";
export const allPermissions = [...allNeededPermissions];

const short = () => randomUUID().slice(0, 8);

export async function seedUser(db: PrismaClient, options: { name?: string; passwordHash?: string } = {}) {
  return db.user.create({
    data: {
      email: `${(options.name ?? "user").toLowerCase().replace(/\W+/g, "-")}-${short()}@example.test`,
      displayName: options.name ?? "User",
      passwordHash: options.passwordHash ?? null,
    },
    select: { id: true, email: true, displayName: true },
  });
}

export async function seedWorkspace(db: PrismaClient, name = "Workspace") {
  return db.workspace.create({ data: { slug: `ws-${short()}`, name } });
}

export type ConnectionState = "ready" | "consent_missing";

export async function seedTenant(
  db: PrismaClient,
  workspaceId: string,
  options: { status?: "onboarding" | "active" | "archived"; connection?: ConnectionState | null; name?: string } = {},
) {
  const tenant = await db.tenant.create({
    data: {
      workspaceId,
      slug: `t-${short()}`,
      displayName: options.name ?? "Contoso",
      microsoftTenantId: randomUUID(),
      status: options.status ?? "active",
    },
  });
  const state = options.connection === undefined ? "ready" : options.connection;
  const connection =
    state === null
      ? null
      : await db.providerConnection.create({
          data: {
            tenantId: tenant.id,
            displayName: `${tenant.displayName} Graph app`,
            clientId: randomUUID(),
            clientSecretEncrypted: "v1:not:a:real-secret",
            clientSecretExpiresAt: new Date(Date.now() + 90 * 86_400_000),
            consentState: state === "ready" ? "granted" : "pending",
            grantedPermissions: state === "ready" ? allPermissions : [],
            isPrimary: true,
          },
        });
  return { tenant, connection };
}

export async function addMember(
  db: PrismaClient,
  options: { workspaceId: string; userId: string; role: Role; allTenants?: boolean; entitledTenantIds?: string[] },
) {
  return db.membership.create({
    data: {
      workspaceId: options.workspaceId,
      userId: options.userId,
      role: options.role,
      allTenants: options.allTenants ?? true,
      entitlements: { create: (options.entitledTenantIds ?? []).map((tenantId) => ({ tenantId })) },
    },
  });
}

/** A finished run (terminal rows need finished_at), not holding any scope. */
export async function seedRun(
  db: PrismaClient,
  tenantId: string,
  options: { status?: "queued" | "running" | "succeeded" | "failed" | "cancelled"; userId?: string; operation?: "inventory.sync" | "backup.capture"; reasonCode?: string } = {},
) {
  const status = options.status ?? "failed";
  const active = status === "queued" || status === "running";
  return db.operationRun.create({
    data: {
      tenantId,
      operation: options.operation ?? "inventory.sync",
      targetKind: "tenant",
      targetId: tenantId,
      scopeKey: "policies",
      status,
      initiatorKind: options.userId ? "user" : "system",
      initiatorUserId: options.userId ?? null,
      reasonCode: options.reasonCode ?? (status === "failed" ? "provider_unavailable" : null),
      startedAt: status === "queued" ? null : new Date(),
      finishedAt: active ? null : new Date(),
    },
  });
}

export async function seedBackupSet(db: PrismaClient, tenantId: string, status: "complete" | "capturing" = "complete") {
  return db.backupSet.create({
    data: {
      tenantId,
      name: `Backup ${short()}`,
      status,
      itemCount: 1,
      completedAt: status === "complete" ? new Date() : null,
      items: {
        create: [{ tenantId, policyType: "deviceConfiguration", externalId: randomUUID(), displayName: "Baseline", payload: { a: 1 }, graphVersion: "beta" }],
      },
    },
  });
}

export async function seedNotification(db: PrismaClient, userId: string, workspaceId: string, tenantId: string) {
  return db.notification.create({
    data: { userId, workspaceId, tenantId, kind: "run.note", title: "Sync inventory: failed", body: "Microsoft Graph was unavailable." },
  });
}

export async function seedApiTokenRow(db: PrismaClient, userId: string) {
  return db.apiToken.create({ data: { userId, name: "seeded", tokenHash: randomUUID(), prefix: "seeded00" } });
}

/** A finished batch over one tenant whose row was blocked (consent), as startMany writes it. */
export async function seedBatch(db: PrismaClient, tenant: { id: string; workspaceId: string }, userId: string) {
  return db.batch.create({
    data: {
      workspaceId: tenant.workspaceId,
      operation: "inventory.sync",
      targetKind: "tenant",
      selection: { kind: "filter", filter: {} },
      initiatorKind: "user",
      initiatorUserId: userId,
      idempotencyKey: randomUUID(),
      tenantCount: 1,
      items: {
        create: [
          {
            tenantId: tenant.id,
            outcome: "blocked",
            reasonCode: "provider_consent_missing",
            result: {
              outcome: "blocked",
              reason: "provider_consent_missing",
              message: "The provider connection has no admin consent in Microsoft Entra.",
              nextStep: { label: "Grant admin consent", href: "/admin/provider-connections" },
            },
          },
        ],
      },
    },
  });
}

export type World = Awaited<ReturnType<typeof seedWorld>>;

export async function seedWorld(db: PrismaClient, options: { passwordHash?: string } = {}) {
  const home = await seedWorkspace(db, "Home MSP");
  const other = await seedWorkspace(db, "Other MSP");
  const ready = await seedTenant(db, home.id, { connection: "ready", name: "Contoso" });
  const consentMissing = await seedTenant(db, home.id, { connection: "consent_missing", name: "Fabrikam" });
  const foreign = await seedTenant(db, other.id, { connection: "ready", name: "Northwind" });

  const user = (name: string) => seedUser(db, { name, ...(options.passwordHash ? { passwordHash: options.passwordHash } : {}) });
  const owner = await user("Owner");
  const manager = await user("Manager");
  const operator = await user("Operator");
  const readonly = await user("Readonly");
  const restricted = await user("Restricted");
  const outsider = await user("Outsider");
  await addMember(db, { workspaceId: home.id, userId: owner.id, role: "owner" });
  await addMember(db, { workspaceId: home.id, userId: manager.id, role: "manager" });
  await addMember(db, { workspaceId: home.id, userId: operator.id, role: "operator" });
  await addMember(db, { workspaceId: home.id, userId: readonly.id, role: "readonly" });
  // Same workspace, but entitled to Fabrikam only: Contoso must look as absent as a random id.
  await addMember(db, {
    workspaceId: home.id,
    userId: restricted.id,
    role: "owner",
    allTenants: false,
    entitledTenantIds: [consentMissing.tenant.id],
  });
  await addMember(db, { workspaceId: other.id, userId: outsider.id, role: "owner" });

  const resources = async (tenant: { id: string; workspaceId: string }, member: { id: string }) => ({
    failedRun: await seedRun(db, tenant.id, { status: "failed", userId: member.id }),
    backupSet: await seedBackupSet(db, tenant.id),
    draft: await db.onboardingDraft.create({ data: { workspaceId: tenant.workspaceId, createdByUserId: member.id } }),
    notification: await seedNotification(db, member.id, tenant.workspaceId, tenant.id),
    apiToken: await seedApiTokenRow(db, member.id),
    tag: await db.tag.create({ data: { workspaceId: tenant.workspaceId, name: `Tag ${short()}` } }),
    batch: await seedBatch(db, tenant, member.id),
    // Every workspace has its default schedule (created with the workspace, migration 20261201402000).
    schedule: await db.schedule.findFirstOrThrow({ where: { workspaceId: tenant.workspaceId, isDefault: true } }),
  });

  return {
    workspaces: { home, other },
    tenants: { ready, consentMissing, foreign },
    users: { owner, manager, operator, readonly, restricted, outsider },
    home: await resources(ready.tenant, owner),
    away: await resources(foreign.tenant, outsider),
  };
}
