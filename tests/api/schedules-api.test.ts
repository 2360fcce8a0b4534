// Schedules over the API: saved with a selection and an operation, shown with their next run (in
// the workspace's time zone) and their last batch, paused and resumed, audited; the default
// schedule is there from the start and editable.
import { afterAll, describe, expect, it } from "vitest";
import { startMany } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { seedWorld } from "./support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

describe("schedules", () => {
  it("create, list with next run and last batch, pause, resume, edit the default, delete", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.slug;
    const api = callerAs(env, world.users.manager);
    await api.workspaces.updateSettings({ workspace: home, timeZone: "Europe/Berlin", batchRunCap: 7 });
    // What the settings page reads back, also for a role that may not change it.
    await expect(callerAs(env, world.users.readonly).workspaces.settings({ workspace: home })).resolves.toMatchObject({ timeZone: "Europe/Berlin", batchRunCap: 7 });

    const { id } = await api.schedules.create({
      workspace: home,
      name: "Weekly backup",
      operation: "backup.capture",
      selection: { kind: "tenants", tenants: [world.tenants.ready.tenant.slug] },
      cadence: "weekly",
      weekday: 5,
      time: "21:45",
    });
    let listed = await api.schedules.list({ workspace: home });
    expect(listed.map((schedule) => schedule.name)).toEqual(["Nightly inventory sync", "Weekly backup"]);
    const weekly = listed[1]!;
    expect(weekly).toMatchObject({ cadence: "weekly", weekday: 5, time: "21:45", timeZone: "Europe/Berlin", paused: false, lastBatch: null });
    // Friday 21:45 in Berlin is 19:45 or 20:45 UTC, depending on the season.
    const next = weekly.nextRunAt!;
    expect(next.getUTCDay()).toBe(5);
    expect([19, 20]).toContain(next.getUTCHours());
    expect(next.getUTCMinutes()).toBe(45);
    expect(listed[0]).toMatchObject({ isDefault: true, time: "02:00" });

    await api.schedules.pause({ scheduleId: id });
    expect((await api.schedules.list({ workspace: home }))[1]).toMatchObject({ paused: true, nextRunAt: null });
    await api.schedules.resume({ scheduleId: id });
    expect((await api.schedules.list({ workspace: home }))[1]!.nextRunAt!.getTime()).toBeGreaterThan(Date.now());

    // Its last batch, with derived status and counts.
    const fired = await startMany(prisma, {
      workspaceId: world.workspaces.home.id,
      operation: "backup.capture",
      tenants: [{ id: world.tenants.ready.tenant.id, slug: world.tenants.ready.tenant.slug, displayName: world.tenants.ready.tenant.displayName }],
      initiator: { kind: "system" },
      idempotencyKey: `schedule:${id}:test`,
      selection: { kind: "tenants", tenants: [world.tenants.ready.tenant.slug] },
      scheduleId: id,
    });
    listed = await api.schedules.list({ workspace: home });
    expect(listed[1]?.lastBatch).toMatchObject({ id: fired.batch.id, status: "running", counts: { byRunStatus: { queued: 1 } } });

    // The default schedule is editable: another time, another operation.
    await api.schedules.update({ scheduleId: listed[0]!.id, name: "Nightly directory sync", operation: "directory.sync", selection: { kind: "filter", filter: {} }, cadence: "daily", time: "03:10" });
    expect((await api.schedules.list({ workspace: home }))[0]).toMatchObject({ isDefault: true, operation: "directory.sync", time: "03:10" });

    // Bad input names its field; a tenant the editor cannot see is NOT_FOUND.
    const weekdayless = await rejection(api.schedules.create({ workspace: home, name: "x", operation: "inventory.sync", selection: { kind: "filter", filter: {} }, cadence: "weekly", time: "01:00" }));
    expect(weekdayless.code).toBe("BAD_REQUEST");
    expect(weekdayless.message).toMatch(/weekday/);
    expect((await rejection(api.workspaces.updateSettings({ workspace: home, timeZone: "Mars/Olympus" }))).message).toMatch(/timeZone/);
    expect(
      await rejection(api.schedules.create({ workspace: home, name: "x", operation: "inventory.sync", selection: { kind: "tenants", tenants: [world.tenants.foreign.tenant.slug] }, cadence: "daily", time: "01:00" })),
    ).toEqual({ code: "NOT_FOUND", message: "No such tenant." });
    // An operator may read schedules but not manage them.
    expect((await rejection(callerAs(env, world.users.operator).schedules.pause({ scheduleId: id }))).code).toBe("FORBIDDEN");

    await api.schedules.delete({ scheduleId: id });
    expect((await api.schedules.list({ workspace: home })).map((schedule) => schedule.id)).not.toContain(id);
    const actions = (await prisma.auditLogEntry.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["schedule.created", "schedule.paused", "schedule.resumed", "schedule.deleted"]);
  });
});
