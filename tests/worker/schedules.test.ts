// Schedules (ADR 019): the nightly inventory sync is each workspace's default schedule; the minute
// tick fires every due schedule as one batch on the bulk-start path (system runs for the ready
// tenants, audit rows for the blocked, nothing for the archived), exactly once even when several
// workers tick at the same time; next firings keep their wall-clock time in the workspace's zone.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseCrontab } from "graphile-worker";
import { fireDueSchedules, workerCrontab } from "../../apps/worker/src/index";
import { accept, seedTenant, testWorker, waitFor, workerTestBed } from "./worker-fixtures";

const { prisma, sandbox, worker } = workerTestBed();

async function nextFire(cadence: "daily" | "weekly", weekday: number | null, time: string, zone: string, after: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ at: Date }[]>`
    SELECT schedule_next_fire_at(${cadence}, ${weekday}::smallint, ${time}::time, ${zone}, ${after}::timestamptz) AS at`;
  return row!.at.toISOString();
}

async function makeDue(scheduleId: string) {
  await prisma.$executeRaw`UPDATE schedules SET next_fire_at = now() - interval '1 minute' WHERE id = ${scheduleId}::uuid`;
}

describe("schedules", () => {
  it("the crontab ticks every minute (housekeeping at 03:30); the nightly sync is data, not crontab", () => {
    const items = parseCrontab(workerCrontab);
    expect(items.map((entry) => entry.task)).toEqual(["schedules_tick", "secret_expiry_scan", "housekeeping"]);
    expect(items[0]!.match({ min: 17, hour: 13, date: 2, month: 5, dow: 2 })).toBe(true);
  });

  it("computes the next firing on the workspace's wall clock, across daylight-saving changes", async () => {
    // Europe/Berlin moves to summer time on 2026-03-29: 01:30 stays 01:30 local (00:30Z, then 23:30Z).
    expect(await nextFire("daily", null, "01:30", "Europe/Berlin", "2026-03-28T12:00:00Z")).toBe("2026-03-29T00:30:00.000Z");
    expect(await nextFire("daily", null, "01:30", "Europe/Berlin", "2026-03-29T00:30:00Z")).toBe("2026-03-29T23:30:00.000Z");
    // Weekly on Mondays (1) at 22:00 in New York, asked on a Monday after 22:00: the next Monday.
    expect(await nextFire("weekly", 1, "22:00", "America/New_York", "2026-12-08T03:30:00Z")).toBe("2026-12-15T03:00:00.000Z");
    expect(await nextFire("daily", null, "02:00", "UTC", "2026-12-01T01:59:00Z")).toBe("2026-12-01T02:00:00.000Z");
  });

  it("every workspace gets its default schedule: inventory sync of the active tenants, daily at 02:00", async () => {
    const workspace = await prisma.workspace.create({ data: { slug: `ws-${randomUUID().slice(0, 8)}`, name: "New MSP" } });
    const schedules = await prisma.schedule.findMany({ where: { workspaceId: workspace.id } });
    expect(schedules).toEqual([
      expect.objectContaining({ isDefault: true, operation: "inventory.sync", cadence: "daily", paused: false, selection: { kind: "filter", filter: { status: "active" } } }),
    ]);
    expect(schedules[0]!.nextFireAt.toISOString()).toMatch(/T02:00:00\.000Z$/);
    expect(schedules[0]!.nextFireAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("fires the default schedule once as a batch, even when three workers tick at once; runs are the system's", { timeout: 60_000 }, async () => {
    const first = await seedTenant(prisma, sandbox, { displayName: "Ready 0" });
    const workspaceId = first.tenant.workspaceId;
    const ready = [first, ...(await Promise.all(Array.from({ length: 7 }, (_, i) => seedTenant(prisma, sandbox, { displayName: `Ready ${i + 1}`, workspaceId }))))];
    const noConsent = await seedTenant(prisma, sandbox, { workspaceId });
    await prisma.providerConnection.update({ where: { id: noConsent.connection.id }, data: { consentState: "revoked" } });
    const archived = await seedTenant(prisma, sandbox, { workspaceId });
    await prisma.tenant.update({ where: { id: archived.tenant.id }, data: { status: "archived" } });
    const syncing = await seedTenant(prisma, sandbox, { workspaceId });
    const clicked = await accept(prisma, syncing, "inventory.sync");
    const schedule = await prisma.schedule.findFirstOrThrow({ where: { workspaceId, isDefault: true } });
    await makeDue(schedule.id);

    const rounds = await Promise.all([fireDueSchedules(prisma), fireDueSchedules(prisma), fireDueSchedules(prisma)]);
    const batches = await prisma.batch.findMany({ where: { scheduleId: schedule.id } });
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ initiatorKind: "system", operation: "inventory.sync" });
    expect(rounds.flat().filter((firing) => "created" in firing && firing.created)).toHaveLength(1);
    const after = await prisma.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(after.nextFireAt.getTime()).toBeGreaterThan(Date.now());
    expect(await fireDueSchedules(prisma)).toEqual([]);

    // Every row of the batch: the stored ones and the admitted runs (ADR 036).
    const items = await prisma.$queryRaw<{ tenant_id: string; outcome: string }[]>`
      SELECT tenant_id, outcome FROM batch_entries WHERE batch_id = ${batches[0]!.id}::uuid`;
    const outcomeOf = (tenantId: string) => items.find((item) => item.tenant_id === tenantId)?.outcome;
    for (const seeded of ready) expect(outcomeOf(seeded.tenant.id)).toBe("accepted");
    expect(outcomeOf(noConsent.tenant.id)).toBe("blocked");
    expect(outcomeOf(syncing.tenant.id)).toBe("deduped");
    expect(outcomeOf(archived.tenant.id)).toBeUndefined();
    expect(await prisma.auditLogEntry.count({ where: { tenantId: noConsent.tenant.id, action: "operation.blocked", actorKind: "system" } })).toBe(1);

    // The worker runs the batch's work for real; no notification for the system's batch. (runOnce
    // stops when the queue looks empty; a named queue is unlocked only once its job's completion is
    // flushed, so it may take more than one pass.)
    await waitFor("the batch's runs to end", async () => {
      await worker.runOnce();
      return (await prisma.operationRun.count({ where: { batchId: batches[0]!.id, status: { in: ["queued", "running"] } } })) === 0;
    });
    const runs = await prisma.operationRun.findMany({ where: { batchId: batches[0]!.id } });
    expect(runs).toHaveLength(8);
    expect(runs.map((run) => [run.status, run.initiatorKind, run.reasonCode])).toEqual(runs.map(() => ["succeeded", "system", null]));
    expect(await prisma.notification.count({ where: { batchId: batches[0]!.id } })).toBe(0);
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: clicked } })).batchId).toBeNull();
  });

  it("a paused schedule does not fire; a saved one reaches only what its owner may operate; the tick is a worker task", { timeout: 60_000 }, async () => {
    const first = await seedTenant(prisma, sandbox, { displayName: "Alpha" });
    const workspaceId = first.tenant.workspaceId;
    const second = await seedTenant(prisma, sandbox, { displayName: "Beta", workspaceId });
    const owner = await prisma.user.create({ data: { email: `sched-${randomUUID().slice(0, 8)}@example.test`, displayName: "Scheduler" } });
    await prisma.membership.create({
      data: { workspaceId, userId: owner.id, role: "manager", allTenants: false, entitlements: { create: [{ tenantId: second.tenant.id }] } },
    });
    const saved = await prisma.schedule.create({
      data: { workspaceId, name: "Weekly directory", operation: "directory.sync", selection: { kind: "filter", filter: {} }, cadence: "weekly", weekday: 1, localTime: new Date("1970-01-01T22:00:00Z"), nextFireAt: new Date(Date.now() - 60_000), createdByUserId: owner.id },
    });
    const defaultSchedule = await prisma.schedule.findFirstOrThrow({ where: { workspaceId, isDefault: true } });
    await makeDue(defaultSchedule.id);
    await prisma.schedule.update({ where: { id: defaultSchedule.id }, data: { paused: true } });

    await prisma.$executeRaw`SELECT graphile_worker.add_job('schedules_tick', json_build_object('_cron', json_build_object('ts', now())))`;
    await worker.runOnce();
    const line = await waitFor("the firing's log line", async () => worker.log.lines.find((l) => l.startsWith('schedule "Weekly directory"')));
    expect(line).toMatch(/over 1 tenants → 1 accepted, 0 deduped, 0 busy, 0 blocked$/);
    expect(await prisma.batch.count({ where: { scheduleId: defaultSchedule.id } })).toBe(0);
    // The one accepted tenant's row is its run (ADR 036).
    const batch = await prisma.batch.findFirstOrThrow({ where: { scheduleId: saved.id }, include: { items: true, runs: true } });
    expect(batch.items).toEqual([]);
    expect(batch.runs.map((run) => run.tenantId)).toEqual([second.tenant.id]);

    // An owner who lost the capability: the schedule is not fired (and says so), and moves on.
    await prisma.membership.updateMany({ where: { userId: owner.id }, data: { role: "readonly" } });
    await makeDue(saved.id);
    const [skipped] = await fireDueSchedules(prisma);
    expect(skipped).toMatchObject({ scheduleId: saved.id, skipped: "owner_not_allowed" });
    expect(await prisma.batch.count({ where: { scheduleId: saved.id } })).toBe(1);
  });

  it("registers the crontab when a worker starts (one tick per minute, the hourly expiry scan, whatever the number of workers)", async () => {
    const scheduled = testWorker(sandbox, { crontab: workerCrontab });
    await scheduled.start();
    try {
      const known = await waitFor("the crontab to be known", async () => {
        const rows = await prisma.$queryRaw<{ identifier: string }[]>`SELECT identifier FROM graphile_worker._private_known_crontabs`;
        return rows.length > 0 ? rows : undefined;
      });
      expect(known.map((row) => row.identifier).sort()).toEqual(["housekeeping", "schedules_tick", "secret_expiry_scan"]);
    } finally {
      await scheduled.stop();
    }
  });
});
