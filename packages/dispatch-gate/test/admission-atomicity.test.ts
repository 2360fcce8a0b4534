// Failure injected after the run insert: graphile_worker.add_job is swapped for a broken one in
// this file's own database, so the real admission statement runs against it.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { AdmissionError, startOperation } from "../src";
import { testPrisma } from "@tenantpilot/test-support";
import { jobs, orphans, seedTenant } from "./fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const SIGNATURE = `identifier text, payload json, queue_name text, run_at timestamptz, max_attempts integer,
  job_key text, priority integer, flags text[], job_key_mode text`;

async function breakAddJob(body: string) {
  await prisma.$executeRawUnsafe(`ALTER FUNCTION graphile_worker.add_job(${SIGNATURE}) RENAME TO add_job_original`);
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION graphile_worker.add_job(
      identifier text, payload json DEFAULT NULL, queue_name text DEFAULT NULL, run_at timestamptz DEFAULT NULL,
      max_attempts integer DEFAULT NULL, job_key text DEFAULT NULL, priority integer DEFAULT NULL,
      flags text[] DEFAULT NULL, job_key_mode text DEFAULT 'replace'
    ) RETURNS graphile_worker._private_jobs LANGUAGE plpgsql AS $$ BEGIN ${body} END $$`);
}

let broken = false;
afterEach(async () => {
  if (!broken) return;
  await prisma.$executeRawUnsafe(`DROP FUNCTION graphile_worker.add_job(${SIGNATURE})`);
  await prisma.$executeRawUnsafe(`ALTER FUNCTION graphile_worker.add_job_original(${SIGNATURE}) RENAME TO add_job`);
  broken = false;
});

describe("admission is one transaction", () => {
  it("rolls the run back when add_job returns no job, and says so", async () => {
    const { tenant } = await seedTenant(prisma);
    await breakAddJob("RETURN NULL;");
    broken = true;
    await expect(startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } })).rejects.toBeInstanceOf(
      AdmissionError,
    );
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await jobs(prisma)).toHaveLength(0);
    expect(await prisma.auditLogEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("rolls the run back when add_job fails, and the scope stays free for the next start", async () => {
    const { tenant } = await seedTenant(prisma);
    await breakAddJob("RAISE EXCEPTION 'injected add_job failure';");
    broken = true;
    await expect(
      startOperation(prisma, { tenantId: tenant.id, operation: "directory.sync", initiator: { kind: "system" } }),
    ).rejects.toThrow(/injected add_job failure/);
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await jobs(prisma)).toHaveLength(0);

    await prisma.$executeRawUnsafe(`DROP FUNCTION graphile_worker.add_job(${SIGNATURE})`);
    await prisma.$executeRawUnsafe(`ALTER FUNCTION graphile_worker.add_job_original(${SIGNATURE}) RENAME TO add_job`);
    broken = false;

    const retried = await startOperation(prisma, { tenantId: tenant.id, operation: "directory.sync", initiator: { kind: "system" } });
    expect(retried.outcome).toBe("accepted");
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });
});
