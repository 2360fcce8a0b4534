// Client secrets warn ahead of time (issue 17): crossing 30, 7 and 1 days before the end raises one
// notification per threshold to each owner and manager who sees the tenant — exactly once even when
// several workers scan at the same moment (the unique index secret_expiry_warnings_once decides) —
// and the connections list and the home page's counts say how soon each secret ends.
import { afterAll, describe, expect, it } from "vitest";
import { parseCrontab } from "graphile-worker";
import { dueSecretExpiryWarnings, raiseSecretExpiryWarnings, workerCrontab, writeSecretExpiryWarnings } from "../../apps/worker/src/index";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, testEnvironment } from "../api/support/api-caller";
import { seedTenant, seedWorld } from "../api/support/world";

const prisma = testPrisma(10);
// Four "workers", each with its own pool, scanning at the same moment.
const workers = Array.from({ length: 4 }, () => testPrisma(2));
afterAll(async () => {
  await Promise.all([prisma, ...workers].map((client) => client.$disconnect()));
});
const env = testEnvironment(prisma);
const DAY = 86_400_000;

const scanTogether = async () => (await Promise.all(workers.map((worker) => raiseSecretExpiryWarnings(worker)))).flat();

async function expiringIn(connectionId: string, ms: number, changes: { identityVersion?: number } = {}) {
  await prisma.providerConnection.update({ where: { id: connectionId }, data: { clientSecretExpiresAt: new Date(Date.now() + ms), ...changes } });
}

const warningsOf = (userId: string, connectionId: string) =>
  prisma.notification.findMany({
    where: { userId, kind: "secret.expiring", secretWarning: { connectionId } },
    select: { title: true, body: true, secretWarning: { select: { thresholdDays: true, identityVersion: true } } },
    orderBy: { createdAt: "asc" },
  });

describe("client secret expiry warnings", () => {
  it("the scan runs hourly from the worker's crontab", () => {
    expect(parseCrontab(workerCrontab).map((item) => item.task)).toContain("secret_expiry_scan");
  });

  it("fire once per threshold (30, 7, 1 days) to owners and managers, however many workers scan at once", async () => {
    const world = await seedWorld(prisma);
    const { tenant, connection } = world.tenants.ready;
    const id = connection!.id;
    const { owner, manager, operator, readonly, restricted } = world.users;

    await expiringIn(id, 20 * DAY);
    const first = await scanTogether();
    expect(first.filter((warning) => warning.connectionId === id)).toEqual([{ connectionId: id, thresholdDays: 30, notified: 2 }]);
    expect(await scanTogether()).toEqual([]);
    const [warning] = await warningsOf(owner.id, id);
    expect(warning).toEqual({
      title: "Client secret expires within 30 days",
      body: expect.stringContaining(`${tenant.displayName}: the client secret of “${connection!.displayName}” expires on`),
      secretWarning: { thresholdDays: 30, identityVersion: 1 },
    });
    // Operators and read-only members do not manage connections; the restricted owner does not see this tenant.
    for (const user of [operator, readonly, restricted]) expect(await warningsOf(user.id, id)).toEqual([]);

    await expiringIn(id, 5 * DAY);
    expect((await scanTogether()).filter((warning) => warning.connectionId === id)).toEqual([{ connectionId: id, thresholdDays: 7, notified: 2 }]);
    await expiringIn(id, 12 * 3_600_000);
    expect((await scanTogether()).filter((warning) => warning.connectionId === id)).toEqual([{ connectionId: id, thresholdDays: 1, notified: 2 }]);
    expect(await scanTogether()).toEqual([]);
    for (const user of [owner, manager]) {
      expect((await warningsOf(user.id, id)).map((note) => note.secretWarning?.thresholdDays)).toEqual([30, 7, 1]);
    }
    expect(await prisma.secretExpiryWarning.count({ where: { connectionId: id } })).toBe(3);

    // A rotated secret (a new identity version) warns again at its own thresholds.
    await expiringIn(id, 25 * DAY, { identityVersion: 2 });
    expect((await scanTogether()).filter((warning) => warning.connectionId === id)).toEqual([{ connectionId: id, thresholdDays: 30, notified: 2 }]);
    expect((await warningsOf(owner.id, id)).map((note) => note.secretWarning)).toEqual([
      { thresholdDays: 30, identityVersion: 1 },
      { thresholdDays: 7, identityVersion: 1 },
      { thresholdDays: 1, identityVersion: 1 },
      { thresholdDays: 30, identityVersion: 2 },
    ]);

    // The bell offers the same next step an expired secret does: rotate it on the connection's page.
    const bell = await callerAs(env, owner).notifications.list({ unreadOnly: true });
    expect(bell.items[0]).toMatchObject({
      kind: "secret.expiring",
      nextStep: { label: "Rotate the client secret", href: `/admin/provider-connections/${id}` },
      connection: { id, displayName: connection!.displayName },
      secretWarning: { thresholdDays: 30 },
    });
  });

  it("workers that all found the same warnings due write them once: the unique index picks one writer", async () => {
    const world = await seedWorld(prisma);
    const id = world.tenants.ready.connection!.id;
    await expiringIn(id, 6 * DAY);
    // Every worker has read the same due warning before any of them writes.
    const due = (await Promise.all(workers.map((worker) => dueSecretExpiryWarnings(worker)))).map((rows) => rows.filter((row) => row.connection_id === id));
    expect(due.map((rows) => rows.length)).toEqual([1, 1, 1, 1]);
    const written = (await Promise.all(workers.map((worker, index) => writeSecretExpiryWarnings(worker, due[index]!)))).flat();
    expect(written).toEqual([{ connectionId: id, thresholdDays: 7, notified: 2 }]);
    expect(await prisma.notification.count({ where: { kind: "secret.expiring", secretWarning: { connectionId: id } } })).toBe(2);
  });

  it("a secret created close to its end gets only the smallest threshold; expired, disabled and archived ones none", async () => {
    const world = await seedWorld(prisma);
    const fresh = await seedTenant(prisma, world.workspaces.home.id, { name: "Close" });
    await expiringIn(fresh.connection!.id, 3 * DAY);
    const expired = await seedTenant(prisma, world.workspaces.home.id, { name: "Expired" });
    await expiringIn(expired.connection!.id, -DAY);
    const disabled = await seedTenant(prisma, world.workspaces.home.id, { name: "Disabled" });
    await expiringIn(disabled.connection!.id, 3 * DAY);
    await prisma.providerConnection.update({ where: { id: disabled.connection!.id }, data: { enabled: false } });
    const archived = await seedTenant(prisma, world.workspaces.home.id, { name: "Archived", status: "archived" });
    await expiringIn(archived.connection!.id, 3 * DAY);

    const raised = await scanTogether();
    expect(raised.filter((warning) => warning.connectionId === fresh.connection!.id)).toEqual([{ connectionId: fresh.connection!.id, thresholdDays: 7, notified: 2 }]);
    for (const quiet of [expired, disabled, archived]) expect(raised.map((warning) => warning.connectionId)).not.toContain(quiet.connection!.id);
  });

  it("the connections list says how soon each secret ends; the home page counts them", async () => {
    const world = await seedWorld(prisma);
    const { connection, tenant } = world.tenants.ready;
    await expiringIn(connection!.id, 5 * DAY + 60_000);
    await expiringIn(world.tenants.consentMissing.connection!.id, -DAY);
    const owner = callerAs(env, world.users.owner);

    const [row] = (await owner.connections.list({ tenant: tenant.slug })).items.filter((candidate) => candidate.id === connection!.id);
    expect(row).toMatchObject({
      secretExpiry: { state: "expiring", daysLeft: 6, threshold: 7, words: expect.stringMatching(/^Expires in 6 days on \d{4}-\d{2}-\d{2}$/) },
      lastCheck: null,
    });
    const summary = await owner.tenants.summary({ workspace: world.workspaces.home.slug });
    expect(summary.secretExpiry).toEqual({ expired: 1, within30Days: 1, within7Days: 1, within1Day: 0 });
  });
});
