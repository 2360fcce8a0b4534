// Rows the auth tests need, created through Prisma against the file's own database.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tenantpilot/db";
import { hashPassword } from "../src/password";
import type { Role } from "../src/capabilities";

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createUser(
  db: PrismaClient,
  options: { email?: string; password?: string | null; displayName?: string } = {},
) {
  const email = options.email ?? `user-${uniqueSuffix()}@example.test`;
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  return db.user.create({ data: { email, displayName: options.displayName ?? "Test User", passwordHash } });
}

export async function createWorkspace(db: PrismaClient) {
  const suffix = uniqueSuffix();
  return db.workspace.create({ data: { slug: `ws-${suffix}`, name: `Workspace ${suffix}` } });
}

export async function createTenant(db: PrismaClient, workspaceId: string, displayName = "Contoso") {
  return db.tenant.create({
    data: {
      workspaceId,
      slug: `t-${uniqueSuffix()}`,
      displayName,
      microsoftTenantId: randomUUID(),
      status: "active",
    },
  });
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
