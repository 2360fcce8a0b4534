// Runs admitted through the real gate, so every test starts from what production would have.
import type { PrismaClient } from "@tenantpilot/db";
import { startOperation, type StartInput } from "../../src";
import { seedTenant, seedUser, type TenantSeed } from "../fixtures";

export async function admittedRun(
  prisma: PrismaClient,
  options: { initiator?: "user" | "system"; operation?: StartInput["operation"]; tenant?: TenantSeed } = {},
) {
  const seeded = await seedTenant(prisma, options.tenant);
  const user = await seedUser(prisma);
  const initiator: StartInput["initiator"] = options.initiator === "system" ? { kind: "system" } : { kind: "user", userId: user.id };
  const result = await startOperation(prisma, {
    tenantId: seeded.tenant.id,
    operation: options.operation ?? "inventory.sync",
    initiator,
  });
  if (result.outcome !== "accepted") throw new Error(`expected an accepted start, got ${result.outcome}`);
  return { ...seeded, user, runId: result.run.id };
}

export async function notificationsOf(prisma: PrismaClient, runId: string) {
  return prisma.notification.findMany({ where: { runId } });
}

/** The queue's public view of the run's job (by the gate's job key). */
export async function jobOf(prisma: PrismaClient, tenantId: string, scopeKey = "policies") {
  const rows = await prisma.$queryRaw<{ id: string; key: string | null; attempts: number; max_attempts: number; locked_by: string | null }[]>`
    SELECT id::text, key, attempts::int, max_attempts::int, locked_by FROM graphile_worker.jobs
     WHERE key = ${`run:${tenantId}:${scopeKey}`}`;
  return rows[0] ?? null;
}

/** What a graphile-worker that took the job and then died leaves behind. */
export async function lockJobAsDeadWorker(prisma: PrismaClient, runId: string, lockedAgoMs: number): Promise<string> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE graphile_worker._private_jobs
       SET locked_by = 'dead-worker', locked_at = now() - ${lockedAgoMs}::int * interval '1 millisecond', attempts = attempts + 1
     WHERE payload->>'runId' = ${runId}
    RETURNING id::text`;
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`no job for run ${runId}`);
  return id;
}

export async function jobById(prisma: PrismaClient, jobId: string) {
  const rows = await prisma.$queryRaw<{ key: string | null; attempts: number; max_attempts: number; locked_by: string | null }[]>`
    SELECT key, attempts::int, max_attempts::int, locked_by FROM graphile_worker.jobs WHERE id = ${jobId}::bigint`;
  return rows[0] ?? null;
}
