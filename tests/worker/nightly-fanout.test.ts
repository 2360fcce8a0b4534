// The nightly fan-out over many tenants: runs for the ready ones (as initiator system), audit rows
// for the blocked ones, never a failed run, and one summary line.
import { afterAll, describe, expect, it } from "vitest";
import { parseCrontab } from "graphile-worker";
import { workerCrontab } from "../../apps/worker/src/index";
import { testPrisma } from "../support/databases";
import { accept, seedTenant, testWorker, useSandbox, waitFor } from "./worker-fixtures";

const prisma = testPrisma(10);
const sandbox = useSandbox();
const worker = testWorker(sandbox);
afterAll(async () => {
  await worker.stop();
  await prisma.$disconnect();
});

describe("nightly inventory fan-out", () => {
  it("is scheduled at 02:00 UTC every day", () => {
    const items = parseCrontab(workerCrontab);
    expect(items.map((entry) => entry.task)).toEqual(["nightly_inventory_fanout", "housekeeping"]);
    const item = items[0];
    expect(item).toMatchObject({ task: "nightly_inventory_fanout", identifier: "nightly_inventory_fanout" });
    const at = (hour: number, min: number, date = 15, dow = 3) => item!.match({ min, hour, date, month: 6, dow });
    expect(at(2, 0)).toBe(true);
    expect(at(2, 0, 1, 0)).toBe(true);
    expect(at(2, 1)).toBe(false);
    expect(at(3, 0)).toBe(false);
    expect(at(14, 0)).toBe(false);
  });

  it("starts a system inventory sync for every ready active tenant and audits the blocked ones", { timeout: 60_000 }, async () => {
    const ready = await Promise.all(Array.from({ length: 12 }, (_, i) => seedTenant(prisma, sandbox, { displayName: `Ready ${i}` })));
    const noConnection = await Promise.all(Array.from({ length: 3 }, () => seedTenant(prisma, sandbox)));
    for (const tenant of noConnection) await prisma.providerConnection.delete({ where: { id: tenant.connection.id } });
    const noConsent = await Promise.all(Array.from({ length: 2 }, () => seedTenant(prisma, sandbox)));
    for (const tenant of noConsent) await prisma.providerConnection.update({ where: { id: tenant.connection.id }, data: { consentState: "revoked" } });
    const inactive = await Promise.all(Array.from({ length: 3 }, () => seedTenant(prisma, sandbox)));
    await prisma.tenant.update({ where: { id: inactive[0]!.tenant.id }, data: { status: "archived" } });
    await prisma.tenant.update({ where: { id: inactive[1]!.tenant.id }, data: { status: "onboarding" } });
    await prisma.tenant.update({ where: { id: inactive[2]!.tenant.id }, data: { status: "onboarding" } });
    const alreadySyncing = await seedTenant(prisma, sandbox);
    const syncing = await accept(prisma, alreadySyncing, "inventory.sync");
    const capturing = await seedTenant(prisma, sandbox);
    await accept(prisma, capturing, "backup.capture");
    const activeIds = [...ready, ...noConnection, ...noConsent, alreadySyncing, capturing].map((seeded) => seeded.tenant.id);

    // What the crontab enqueues at 02:00 — ahead of the runs already queued, as a cron job would be.
    await prisma.$executeRaw`SELECT graphile_worker.add_job('nightly_inventory_fanout', json_build_object('_cron', json_build_object('ts', now())), priority => -10)`;
    await worker.runOnce();

    const summaryLine = worker.log.lines.find((line) => line.startsWith("nightly inventory fan-out:"));
    const total = await prisma.tenant.count({ where: { status: "active" } });
    expect(total).toBeGreaterThanOrEqual(activeIds.length);
    expect(summaryLine).toBe(
      `nightly inventory fan-out: ${total} active tenants → 12 accepted, 1 deduped, 1 busy, 5 blocked (provider_connection_missing ×3, provider_consent_missing ×2)`,
    );

    const systemRuns = await prisma.operationRun.findMany({ where: { initiatorKind: "system", operation: "inventory.sync" } });
    expect(new Set(systemRuns.map((run) => run.tenantId))).toEqual(new Set(ready.map((seeded) => seeded.tenant.id)));
    // runOnce went on to run them: the fan-out's work is real.
    expect(systemRuns.every((run) => run.status === "succeeded")).toBe(true);
    expect(await prisma.notification.count({ where: { runId: { in: systemRuns.map((run) => run.id) } } })).toBe(0);

    // Blocked starts are audit rows of the system, never runs, and no run failed anywhere.
    const blockedIds = [...noConnection, ...noConsent].map((seeded) => seeded.tenant.id);
    const audit = await prisma.auditLogEntry.findMany({ where: { tenantId: { in: blockedIds }, action: "operation.blocked" } });
    expect(audit).toHaveLength(5);
    expect(audit.every((entry) => entry.actorKind === "system" && entry.operation === "inventory.sync")).toBe(true);
    expect(await prisma.operationRun.count({ where: { tenantId: { in: blockedIds } } })).toBe(0);
    expect(await prisma.operationRun.count({ where: { status: "failed" } })).toBe(0);
    expect(await prisma.operationRun.count({ where: { tenantId: { in: inactive.map((seeded) => seeded.tenant.id) } } })).toBe(0);
    // The tenant that was already syncing kept its one run (deduped onto it).
    expect(await prisma.operationRun.count({ where: { tenantId: alreadySyncing.tenant.id } })).toBe(1);
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: syncing } })).initiatorKind).toBe("user");
  });

  it("registers the crontab when a worker starts (one schedule, whatever the number of workers)", async () => {
    const scheduled = testWorker(sandbox, { crontab: workerCrontab });
    await scheduled.start();
    try {
      const known = await waitFor("the crontab to be known", async () => {
        const rows = await prisma.$queryRaw<{ identifier: string }[]>`SELECT identifier FROM graphile_worker._private_known_crontabs`;
        return rows.length > 0 ? rows : undefined;
      });
      expect(known.map((row) => row.identifier).sort()).toEqual(["housekeeping", "nightly_inventory_fanout"]);
    } finally {
      await scheduled.stop();
    }
  });
});
