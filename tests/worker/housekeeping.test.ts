// Housekeeping removes what nothing else does: expired sessions, stale login-throttle windows and
// permanently failed jobs — and nothing that is still live.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { runHousekeeping } from "../../apps/worker/src/tasks/housekeeping";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());

describe("housekeeping", () => {
  it("removes expired sessions, stale throttle windows and permanently failed jobs only", async () => {
    const user = await prisma.user.create({ data: { email: `hk-${randomUUID().slice(0, 8)}@example.test`, displayName: "HK" } });
    const hash = () => randomBytes(32).toString("hex");
    const live = hash();
    await prisma.session.createMany({
      data: [
        { id: hash(), userId: user.id, expiresAt: new Date(Date.now() - 60_000) },
        // Idle expiry ahead, but logged in two days ago: past the absolute lifetime.
        { id: hash(), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), createdAt: new Date(Date.now() - 2 * 86_400_000) },
        { id: live, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
      ],
    });
    await prisma.$executeRaw`
      INSERT INTO login_throttles (scope, subject_hash, attempts, window_started_at)
      VALUES ('email', ${hash()}, 5, now() - interval '2 days'), ('email', ${hash()}, 1, now())`;
    await prisma.$executeRaw`SELECT graphile_worker.add_job('housekeeping_probe_dead', '{}'::json, max_attempts => 1)`;
    await prisma.$executeRaw`SELECT graphile_worker.add_job('housekeeping_probe_live', '{}'::json)`;
    await prisma.$executeRaw`
      UPDATE graphile_worker._private_jobs j SET attempts = j.max_attempts
        FROM graphile_worker._private_tasks t
       WHERE t.id = j.task_id AND t.identifier = 'housekeeping_probe_dead'`;

    await runHousekeeping({ prisma, databaseUrl: testDatabaseUrl() });

    const sessions = await prisma.session.findMany({ where: { userId: user.id } });
    expect(sessions.map((session) => session.id)).toEqual([live]);
    const throttles = await prisma.$queryRaw<{ attempts: number }[]>`SELECT attempts FROM login_throttles`;
    expect(throttles).toEqual([{ attempts: 1 }]);
    const jobs = await prisma.$queryRaw<{ task_identifier: string }[]>`SELECT task_identifier FROM graphile_worker.jobs`;
    expect(jobs.map((job) => job.task_identifier)).toEqual(["housekeeping_probe_live"]);
  });
});
