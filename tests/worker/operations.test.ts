// Each operation end to end: accepted by the gate → run by the worker → terminal state, real
// domain rows, one notification to the initiator.
import { beforeAll, describe, expect, it } from "vitest";
import { graphSchema, inlineNavigation, MetadataChecker, policyTypeIds, policyTypes, type GraphVersion, type PolicyType } from "@tenantpilot/provider-graph";
import { accept, ending, seedTenant, workerTestBed } from "./worker-fixtures";

const { prisma, sandbox, worker } = workerTestBed();
beforeAll(async () => {
  await prisma.$connect();
});

describe("inventory.sync", () => {
  it("upserts every policy of all three families and records their coverage", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const runId = await accept(prisma, seeded, "inventory.sync");
    await worker.runOnce();

    const { run, notifications } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "succeeded", reasonCode: null, attempt: 1, itemsSeen: 26, itemsChanged: 26, itemsFailed: 0 });
    const items = await prisma.inventoryItem.findMany({ where: { tenantId: seeded.tenant.id } });
    expect(items).toHaveLength(26);
    expect(new Set(items.map((item) => item.policyType))).toEqual(new Set(policyTypeIds));
    expect(items.every((item) => item.lastSeenRunId === runId)).toBe(true);
    const coverage = (run.diagnostics as { inventory: { coverage: { policyType: string; items: number; syncedAt: string }[]; complete: boolean } }).inventory;
    expect(coverage.complete).toBe(true);
    expect(coverage.coverage.map((type) => [type.policyType, type.items])).toEqual([
      ["deviceConfiguration", 12],
      ["compliancePolicy", 6],
      ["settingsCatalog", 8],
    ]);
    expect(notifications).toEqual([
      expect.objectContaining({ userId: seeded.user.id, kind: "run.terminal", title: "Sync inventory: Succeeded", body: "Contoso Ltd: 26 items seen, 26 changed." }),
    ]);
    expect(worker.log.lines).toContain(`run ${runId} inventory.sync: started (attempt 1/3)`);
  });

  it("a second sync counts only what changed in the tenant", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    await accept(prisma, seeded, "inventory.sync");
    await worker.runOnce();

    const store = seeded.sandboxTenant.collections.deviceConfigurations;
    const [first] = store.all();
    store.put({ ...first!, displayName: "Renamed in the portal", lastModifiedDateTime: new Date().toISOString() });
    const second = await accept(prisma, seeded, "inventory.sync");
    await worker.runOnce();

    const { run } = await ending(prisma, seeded, second);
    expect(run).toMatchObject({ status: "succeeded", itemsSeen: 26, itemsChanged: 1 });
    const renamed = await prisma.inventoryItem.findFirstOrThrow({ where: { tenantId: seeded.tenant.id, externalId: first!.id } });
    expect(renamed.displayName).toBe("Renamed in the portal");
    expect(await prisma.inventoryItem.count({ where: { tenantId: seeded.tenant.id } })).toBe(26);
  });
});

describe("backup.capture and restore.execute", () => {
  it("captures one item per policy with its full payload, and a restore writes them back", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const captureId = await accept(prisma, seeded, "backup.capture");
    await worker.runOnce();

    const captured = await ending(prisma, seeded, captureId);
    expect(captured.run).toMatchObject({ status: "succeeded", itemsSeen: 26, itemsChanged: 26, itemsFailed: 0 });
    const set = await prisma.backupSet.findFirstOrThrow({ where: { capturedByRunId: captureId } });
    expect(set).toMatchObject({ tenantId: seeded.tenant.id, status: "complete", itemCount: 26 });
    expect(set.completedAt).not.toBeNull();
    const items = await prisma.backupItem.findMany({ where: { backupSetId: set.id } });
    expect(items).toHaveLength(26);
    const compliance = items.find((item) => item.policyType === "compliancePolicy");
    // The full payload, expansions included (not the listing's summary).
    expect(compliance?.payload).toHaveProperty("scheduledActionsForRule");
    expect(items.find((item) => item.policyType === "settingsCatalog")?.payload).toHaveProperty("settings");
    expect(captured.notifications).toHaveLength(1);

    // Someone changes a policy in the tenant; the restore puts the captured version back.
    const store = seeded.sandboxTenant.collections.deviceConfigurations;
    const [victim] = store.all();
    const originalName = victim!.displayName;
    store.put({ ...victim!, displayName: "Tampered" });

    const restoreId = await accept(prisma, seeded, "restore.execute", { kind: "backup_set", id: set.id });
    await worker.runOnce();

    const restored = await ending(prisma, seeded, restoreId);
    expect(restored.run).toMatchObject({ status: "succeeded", attempt: 1, maxAttempts: 1, itemsSeen: 26, itemsChanged: 26, itemsFailed: 0 });
    expect(store.get(victim!.id)?.displayName).toBe(originalName);
    const outcomes = (restored.run.diagnostics as { restore: { items: { outcome: string; externalId: string }[] } }).restore.items;
    expect(outcomes).toHaveLength(26);
    expect(outcomes.find((item) => item.externalId === victim!.id)).toMatchObject({ outcome: "updated" });
    expect(restored.notifications).toEqual([expect.objectContaining({ title: "Restore backup: Succeeded" })]);
  });

  it("makes a partial restore visible: partially_succeeded, items_failed, and each item's outcome", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    await accept(prisma, seeded, "backup.capture");
    await worker.runOnce();
    const set = await prisma.backupSet.findFirstOrThrow({ where: { tenantId: seeded.tenant.id } });

    // Two captured payloads claim another @odata.type: Graph refuses to change an entity's type.
    const broken = await prisma.backupItem.findMany({ where: { backupSetId: set.id, policyType: "deviceConfiguration" }, take: 2 });
    for (const item of broken) {
      const payload = { ...(item.payload as Record<string, unknown>), "@odata.type": "#microsoft.graph.macOSGeneralDeviceConfigurationTampered" };
      await prisma.backupItem.update({ where: { id: item.id }, data: { payload } });
    }

    const restoreId = await accept(prisma, seeded, "restore.execute", { kind: "backup_set", id: set.id });
    await worker.runOnce();

    const { run, notifications } = await ending(prisma, seeded, restoreId);
    expect(run).toMatchObject({ status: "partially_succeeded", itemsSeen: 26, itemsChanged: 24, itemsFailed: 2, reasonCode: null });
    const outcomes = (run.diagnostics as { restore: { items: { backupItemId: string; outcome: string; reason?: string }[] } }).restore.items;
    const failed = outcomes.filter((item) => item.outcome === "failed");
    expect(failed.map((item) => item.backupItemId).sort()).toEqual(broken.map((item) => item.id).sort());
    expect(failed.every((item) => item.reason === "internal_error")).toBe(true);
    expect(notifications).toEqual([expect.objectContaining({ title: "Restore backup: Partially succeeded", body: "Contoso Ltd: 2 of 26 items failed." })]);
  });
});

describe("restore keeps scope tags (ADR 013)", () => {
  const classicStores = { deviceConfiguration: "deviceConfigurations", compliancePolicy: "deviceCompliancePolicies" } as const;

  it("backup → restore round trip: classic policies are captured through beta with their scope tags, and a restore puts changed tags back", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const captureId = await accept(prisma, seeded, "backup.capture");
    await worker.runOnce();
    const set = await prisma.backupSet.findFirstOrThrow({ where: { capturedByRunId: captureId } });
    const items = await prisma.backupItem.findMany({ where: { backupSetId: set.id } });
    expect(items).toHaveLength(26);
    expect(items.every((item) => item.graphVersion === "beta")).toBe(true);
    const classic = items.filter((item) => item.policyType in classicStores);
    expect(classic).toHaveLength(18);
    const capturedTags = new Map(classic.map((item) => [item.externalId, (item.payload as { roleScopeTagIds: string[] }).roleScopeTagIds]));
    expect([...capturedTags.values()].every(Array.isArray)).toBe(true);
    expect([...capturedTags.values()].some((tags) => tags.join() !== "0")).toBe(true);

    // An administrator moves every classic policy into the Default scope tag only.
    for (const item of classic) {
      const store = seeded.sandboxTenant.collections[classicStores[item.policyType as keyof typeof classicStores]];
      store.put({ ...store.get(item.externalId)!, roleScopeTagIds: ["0"] });
    }
    const before = seeded.sandboxTenant.requests.length;
    const restoreId = await accept(prisma, seeded, "restore.execute", { kind: "backup_set", id: set.id });
    await worker.runOnce();

    const restored = await ending(prisma, seeded, restoreId);
    expect(restored.run).toMatchObject({ status: "succeeded", itemsSeen: 26, itemsChanged: 26, itemsFailed: 0 });
    for (const item of classic) {
      const store = seeded.sandboxTenant.collections[classicStores[item.policyType as keyof typeof classicStores]];
      expect(store.get(item.externalId)?.roleScopeTagIds).toEqual(capturedTags.get(item.externalId));
    }
    // The bodies the sandbox received: beta writes carrying the captured tags.
    const writes = seeded.sandboxTenant.requests.slice(before).filter((request) => request.body !== undefined);
    expect(writes).toHaveLength(26);
    expect(writes.every((write) => write.url.startsWith("https://graph.microsoft.com/beta/deviceManagement/"))).toBe(true);
    for (const write of writes.filter((candidate) => !candidate.url.includes("/configurationPolicies/"))) {
      const id = write.url.split("/").pop()!;
      expect(write.body).toMatchObject({ roleScopeTagIds: capturedTags.get(id) });
    }
  });

  it("a backup taken through v1.0 is restored through v1.0, sending only what v1.0 declares", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    await accept(prisma, seeded, "backup.capture");
    await worker.runOnce();
    const set = await prisma.backupSet.findFirstOrThrow({ where: { tenantId: seeded.tenant.id } });
    // As the product stored classic policies before this change: read through v1.0 (and, by the
    // lenient sandbox of that time, with beta-only properties such as roleScopeTagIds in them).
    await prisma.backupItem.updateMany({ where: { backupSetId: set.id, policyType: { in: ["deviceConfiguration", "compliancePolicy"] } }, data: { graphVersion: "v1.0" } });

    const before = seeded.sandboxTenant.requests.length;
    const restoreId = await accept(prisma, seeded, "restore.execute", { kind: "backup_set", id: set.id });
    await worker.runOnce();
    const { run } = await ending(prisma, seeded, restoreId);
    expect(run).toMatchObject({ status: "succeeded", itemsChanged: 26, itemsFailed: 0 });

    const writes = seeded.sandboxTenant.requests.slice(before).filter((request) => request.body !== undefined);
    const v1Writes = writes.filter((write) => write.url.includes("/v1.0/"));
    expect(v1Writes).toHaveLength(18);
    for (const write of writes) {
      const version: GraphVersion = write.url.includes("/v1.0/") ? "v1.0" : "beta";
      const collection = write.url.split("/deviceManagement/")[1]!.split("/")[0]!;
      const policyType = (Object.keys(policyTypes) as PolicyType[]).find((type) => policyTypes[type].collection === `deviceManagement/${collection}`)!;
      const { entityType } = policyTypes[policyType];
      const lineage = graphSchema.lineage(version, entityType).map((type) => type.name);
      const violations = new MetadataChecker(graphSchema, version).entity(entityType, write.body, {
        write: true,
        inlineNavigation: inlineNavigation(lineage, write.method as "POST" | "PATCH" | "PUT"),
      });
      expect(violations).toEqual([]);
    }
    for (const write of v1Writes) {
      expect(write.body).not.toHaveProperty("roleScopeTagIds");
      expect(write.body).not.toHaveProperty("supportsScopeTags");
      expect(write.body).not.toHaveProperty("defenderEnabled");
      expect(write.body).not.toHaveProperty("version");
    }
  });
});

describe("directory.sync", () => {
  it("upserts users and groups", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const runId = await accept(prisma, seeded, "directory.sync");
    await worker.runOnce();

    const { run, notifications } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "succeeded", itemsSeen: 40, itemsChanged: 40 });
    expect(await prisma.directoryObject.count({ where: { tenantId: seeded.tenant.id, kind: "user" } })).toBe(30);
    expect(await prisma.directoryObject.count({ where: { tenantId: seeded.tenant.id, kind: "group" } })).toBe(10);
    const user = await prisma.directoryObject.findFirstOrThrow({ where: { tenantId: seeded.tenant.id, kind: "user" } });
    expect(user.principalName).toMatch(/@/);
    expect(notifications).toHaveLength(1);
  });
});

describe("report.generate", () => {
  it("writes a device-compliance report from the managed devices", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const runId = await accept(prisma, seeded, "report.generate", { kind: "report_kind", id: "device-compliance" });
    await worker.runOnce();

    const { run, notifications } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "succeeded", itemsSeen: 40 });
    const [report, ...more] = await prisma.report.findMany({ where: { runId } });
    expect(more).toHaveLength(0);
    expect(report).toMatchObject({ tenantId: seeded.tenant.id, kind: "device-compliance", rowCount: 40 });
    expect((report!.rows as { complianceState: string }[]).every((row) => typeof row.complianceState === "string")).toBe(true);
    expect(notifications).toEqual([expect.objectContaining({ title: "Generate report: Succeeded" })]);
  });

  it("writes a policy-inventory report from the policies", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const runId = await accept(prisma, seeded, "report.generate", { kind: "report_kind", id: "policy-inventory" });
    await worker.runOnce();
    const [report] = await prisma.report.findMany({ where: { runId } });
    expect(report).toMatchObject({ kind: "policy-inventory", rowCount: 26 });
  });
});

describe("connection.check", () => {
  it("stores a healthy check on the connection", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    await prisma.providerConnection.update({ where: { id: seeded.connection.id }, data: { grantedPermissions: [] } });
    const runId = await accept(prisma, seeded, "connection.check", { kind: "provider_connection", id: seeded.connection.id });
    await worker.runOnce();

    const { run, notifications } = await ending(prisma, seeded, runId);
    expect(run.status).toBe("succeeded");
    const connection = await prisma.providerConnection.findUniqueOrThrow({ where: { id: seeded.connection.id } });
    expect(connection).toMatchObject({ lastCheckStatus: "ok", lastCheckReason: null, consentState: "granted" });
    expect(connection.lastCheckAt).not.toBeNull();
    expect([...connection.grantedPermissions].sort()).toEqual([...new Set(connection.grantedPermissions)].sort());
    expect(connection.grantedPermissions).toEqual(expect.arrayContaining(["DeviceManagementConfiguration.Read.All", "User.Read.All"]));
    expect(notifications).toEqual([expect.objectContaining({ title: "Check connection: Succeeded", body: "Contoso Ltd: completed." })]);
  });

  it("fails with the missing permissions named, in the start surface's words, and stores what is granted", async () => {
    const granted = ["DeviceManagementConfiguration.Read.All", "Group.Read.All", "User.Read.All"];
    const seeded = await seedTenant(prisma, sandbox, { permissions: granted });
    const runId = await accept(prisma, seeded, "connection.check", { kind: "provider_connection", id: seeded.connection.id });
    await worker.runOnce();

    const missing = ["DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementManagedDevices.Read.All"];
    const { run, notifications, sentence } = await ending(prisma, seeded, runId, { missingPermissions: missing });
    expect(run).toMatchObject({ status: "failed", reasonCode: "provider_permission_missing" });
    expect(sentence).toBe("The provider connection lacks the Microsoft Graph permissions: DeviceManagementConfiguration.ReadWrite.All, DeviceManagementManagedDevices.Read.All.");
    expect(notifications).toEqual([expect.objectContaining({ title: "Check connection: Failed", body: `Contoso Ltd: ${sentence}` })]);
    const connection = await prisma.providerConnection.findUniqueOrThrow({ where: { id: seeded.connection.id } });
    expect(connection).toMatchObject({ lastCheckStatus: "failed", lastCheckReason: "provider_permission_missing", consentState: "granted" });
    expect([...connection.grantedPermissions].sort()).toEqual([...granted].sort());
  });
});

describe("jobs that do not match a queued run", () => {
  it("a second job for a run that already ended does nothing", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const runId = await accept(prisma, seeded, "inventory.sync");
    await worker.runOnce();
    const before = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    const requests = seeded.sandboxTenant.requests.length;

    await prisma.$executeRaw`SELECT graphile_worker.add_job('inventory_sync', json_build_object('runId', ${runId}::text))`;
    await worker.runOnce();

    expect(worker.log.lines).toContain(`run ${runId} inventory.sync: not queued (succeeded), nothing to do`);
    expect(await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } })).toEqual(before);
    expect(seeded.sandboxTenant.requests.length).toBe(requests);
    expect(await prisma.notification.count({ where: { runId } })).toBe(1);
  });

  it("a job queued for another operation's task ends its run as internal_error without calling Microsoft", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const runId = await accept(prisma, seeded, "inventory.sync");
    await prisma.$executeRaw`SELECT graphile_worker.remove_job(${`run:${seeded.tenant.id}:policies`})`;
    await prisma.$executeRaw`SELECT graphile_worker.add_job('report_generate', json_build_object('runId', ${runId}::text))`;
    await worker.runOnce();

    const { run } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "failed", reasonCode: "internal_error", reasonDetail: "The run (inventory.sync) was queued for the report.generate task." });
    expect(seeded.sandboxTenant.requests).toHaveLength(0);
    expect(worker.log.errors.some((line) => line.includes(runId))).toBe(true);
  });
});
