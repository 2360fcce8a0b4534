import type { PrismaClient } from "@tenantpilot/db";

export interface Health {
  database: "ok";
  tenants: number;
  workspaces: number;
}

export async function health(prisma: PrismaClient): Promise<Health> {
  const [tenants, workspaces] = await Promise.all([prisma.tenant.count(), prisma.workspace.count()]);
  return { database: "ok", tenants, workspaces };
}
