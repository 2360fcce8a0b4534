import { hashPassword } from "@tenantpilot/auth";
import type { PrismaClient } from "@tenantpilot/db";

export const operatorPassword = "bench operator password";

/**
 * `count` users with the operator role on every tenant of the benchmark's workspace (the one
 * seedTenants made). One password hash serves all of them: argon2 is not what is measured.
 */
export async function seedOperators(db: PrismaClient, count: number): Promise<{ id: string; email: string }[]> {
  const passwordHash = await hashPassword(operatorPassword);
  const users = await db.$queryRaw<{ id: string; email: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    SELECT 'operator' || i || '@bench.test', 'Bench operator ' || i, ${passwordHash}
      FROM generate_series(1, ${count}::int) AS i
    RETURNING id, email`;
  await db.$executeRaw`
    INSERT INTO memberships (workspace_id, user_id, role, all_tenants)
    SELECT w.id, u.id, 'operator', true
      FROM workspaces w, users u
     WHERE w.slug = 'bench' AND u.email LIKE '%@bench.test'`;
  return users;
}
