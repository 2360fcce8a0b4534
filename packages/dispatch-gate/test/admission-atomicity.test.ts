// Failure injected after the run insert: graphile_worker.add_jobs (what the admission statement adds
// its jobs with) is swapped for a broken one in this file's own database, so the real admission
// statement runs against it.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { AdmissionError, startOperation } from "../src";
import { testPrisma } from "@tenantpilot/test-support";
import { jobs, orphans, seedTenant } from "./fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const SIGNATURE = `specs graphile_worker.job_spec[], job_key_preserve_run_at boolean`;

async function breakAddJobs(body: string) {
  await prisma.$executeRawUnsafe(`ALTER FUNCTION graphile_worker.add_jobs(${SIGNATURE}) RENAME TO add_jobs_original`);
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION graphile_worker.add_jobs(specs graphile_worker.job_spec[], job_key_preserve_run_at boolean DEFAULT false)
    RETURNS SETOF graphile_worker._private_jobs LANGUAGE plpgsql AS $$ BEGIN ${body} END $$`);
}

let broken = false;
afterEach(async () => {
  if (!broken) return;
  await prisma.$executeRawUnsafe(`DROP FUNCTION graphile_worker.add_jobs(${SIGNATURE})`);
  await prisma.$executeRawUnsafe(`ALTER FUNCTION graphile_worker.add_jobs_original(${SIGNATURE}) RENAME TO add_jobs`);
  broken = false;
});

describe("admission is one transaction", () => {
  it("rolls the run back when add_jobs returns no job, and says so", async () => {
    const { tenant } = await seedTenant(prisma);
    await breakAddJobs("RETURN;");
    broken = true;
    await expect(startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } })).rejects.toBeInstanceOf(
      AdmissionError,
    );
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await jobs(prisma)).toHaveLength(0);
    expect(await prisma.auditLogEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("rolls the run back when add_jobs fails, and the scope stays free for the next start", async () => {
    const { tenant } = await seedTenant(prisma);
    await breakAddJobs("RAISE EXCEPTION 'injected add_jobs failure';");
    broken = true;
    await expect(
      startOperation(prisma, { tenantId: tenant.id, operation: "directory.sync", initiator: { kind: "system" } }),
    ).rejects.toThrow(/injected add_jobs failure/);
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await jobs(prisma)).toHaveLength(0);

    await prisma.$executeRawUnsafe(`DROP FUNCTION graphile_worker.add_jobs(${SIGNATURE})`);
    await prisma.$executeRawUnsafe(`ALTER FUNCTION graphile_worker.add_jobs_original(${SIGNATURE}) RENAME TO add_jobs`);
    broken = false;

    const retried = await startOperation(prisma, { tenantId: tenant.id, operation: "directory.sync", initiator: { kind: "system" } });
    expect(retried.outcome).toBe("accepted");
    expect(await orphans(prisma)).toEqual({ runsWithoutJob: 0, jobsWithoutRun: 0 });
  });
});
