// Seeds the situations the gate decides on, in this test file's own database.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tenantpilot/db";
import { allNeededPermissions } from "../src/contract";

/** Every Graph permission some operation needs: a connection with these passes every permission rule. */
export const allPermissions = [...allNeededPermissions];

export interface ConnectionSeed {
  displayName?: string;
  isPrimary?: boolean;
  enabled?: boolean;
  consentState?: "pending" | "granted" | "revoked";
  /** null: no secret stored. */
  secret?: string | null;
  secretExpiresAt?: Date | null;
  grantedPermissions?: string[];
}

export interface TenantSeed {
  status?: "onboarding" | "active" | "archived";
  /** null: the tenant has no connection at all. */
  connection?: ConnectionSeed | null;
}

const short = () => randomUUID().slice(0, 8);

export async function seedUser(db: PrismaClient) {
  return db.user.create({ data: { email: `op-${short()}@example.test`, displayName: "Operator" } });
}

export async function seedTenant(db: PrismaClient, seed: TenantSeed = {}) {
  const workspace = await db.workspace.create({ data: { slug: `ws-${short()}`, name: "Gate tests" } });
  const tenant = await db.tenant.create({
    data: {
      workspaceId: workspace.id,
      slug: `contoso-${short()}`,
      displayName: "Contoso",
      microsoftTenantId: randomUUID(),
      status: seed.status ?? "active",
    },
  });
  const connection = seed.connection === null ? null : await seedConnection(db, tenant.id, seed.connection ?? {});
  return { workspace, tenant, connection };
}

export async function seedConnection(db: PrismaClient, tenantId: string, seed: ConnectionSeed = {}) {
  return db.providerConnection.create({
    data: {
      tenantId,
      displayName: seed.displayName ?? "Contoso Graph app",
      clientId: randomUUID(),
      clientSecretEncrypted: seed.secret === undefined ? "sealed:v1:test" : seed.secret,
      clientSecretExpiresAt: seed.secretExpiresAt === undefined ? new Date(Date.now() + 90 * 86_400_000) : seed.secretExpiresAt,
      consentState: seed.consentState ?? "granted",
      grantedPermissions: seed.grantedPermissions ?? allPermissions,
      isPrimary: seed.isPrimary ?? true,
      enabled: seed.enabled ?? true,
    },
  });
}

export async function seedBackupSet(db: PrismaClient, tenantId: string, status: "capturing" | "complete" | "partial" | "failed" = "complete") {
  return db.backupSet.create({
    data: { tenantId, name: `Backup ${short()}`, status, completedAt: status === "capturing" ? null : new Date() },
  });
}

export interface JobRow {
  id: string;
  task_identifier: string;
  key: string | null;
  max_attempts: number;
  run_id: string | null;
}

/** graphile-worker 0.17 keeps payloads in _private_jobs (the public jobs view omits them). */
export async function jobs(db: PrismaClient): Promise<JobRow[]> {
  return db.$queryRaw<JobRow[]>`
    SELECT j.id::text AS id, t.identifier AS task_identifier, j.key, j.max_attempts::int AS max_attempts,
           j.payload->>'runId' AS run_id
      FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     ORDER BY j.id`;
}

/** Both must be 0: an admitted run always has its job and a job always belongs to a run. */
export async function orphans(db: PrismaClient): Promise<{ runsWithoutJob: number; jobsWithoutRun: number }> {
  const [row] = await db.$queryRaw<{ runs_without_job: number; jobs_without_run: number }[]>`
    SELECT
      (SELECT count(*)::int FROM operation_runs r
        WHERE NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.payload->>'runId' = r.id::text)) AS runs_without_job,
      (SELECT count(*)::int FROM graphile_worker._private_jobs j
        WHERE NOT EXISTS (SELECT 1 FROM operation_runs r WHERE r.id::text = j.payload->>'runId')) AS jobs_without_run`;
  return { runsWithoutJob: row?.runs_without_job ?? -1, jobsWithoutRun: row?.jobs_without_run ?? -1 };
}
