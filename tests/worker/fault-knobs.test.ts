// Each sandbox fault knob ends an accepted run with the reason it stands for, told in the same
// sentence the start surface uses; transient faults are retried inside the run, permanent ones
// fail it at once; and the secret never shows up in what the run leaves behind.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EncryptionKey, sealSecret } from "@tenantpilot/auth";
import type { ReasonCode } from "@tenantpilot/dispatch-gate";
import { accept, ending, seedTenant, type SeededTenant, workerTestBed } from "./worker-fixtures";

const { prisma, sandbox, worker } = workerTestBed();

async function syncEnding(seeded: SeededTenant, extra?: { missingPermissions?: readonly string[] }) {
  const runId = await accept(prisma, seeded, "inventory.sync");
  await worker.runOnce();
  const result = await ending(prisma, seeded, runId, extra);
  // Whatever happened, the secret is nowhere in the run, its notification or the worker's log.
  const traces = JSON.stringify([result.run, result.notifications, worker.log.lines, worker.log.errors]);
  expect(traces).not.toContain(seeded.secret);
  return result;
}

function expectFailedWith(result: Awaited<ReturnType<typeof syncEnding>>, reason: ReasonCode, attempt: number) {
  expect(result.run).toMatchObject({ status: "failed", reasonCode: reason, attempt });
  expect(result.sentence).not.toBeNull();
  expect(result.notifications).toEqual([expect.objectContaining({ title: "Sync inventory: Failed", body: `Contoso Ltd: ${result.sentence}` })]);
}

describe("permanent provider failures fail the run at once", () => {
  it("consent revoked → provider_consent_missing", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.revokeConsent(seeded.connection.clientId);
    const result = await syncEnding(seeded);
    expectFailedWith(result, "provider_consent_missing", 1);
    expect(result.sentence).toBe("The provider connection has no admin consent in Microsoft Entra.");
    expect(result.run.diagnostics).toMatchObject({ error: { reason: "provider_consent_missing", aadsts: "AADSTS7000229" } });
  });

  it("secret expired → provider_credentials_expired", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.expireSecret(seeded.connection.clientId);
    const result = await syncEnding(seeded);
    expectFailedWith(result, "provider_credentials_expired", 1);
    expect(result.sentence).toBe("The provider connection's client secret has expired or was rejected.");
  });

  it("permission removed → provider_permission_missing, naming the permission", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.removePermission("DeviceManagementConfiguration.Read.All", seeded.connection.clientId);
    seeded.sandboxTenant.removePermission("DeviceManagementConfiguration.ReadWrite.All", seeded.connection.clientId);
    const result = await syncEnding(seeded, { missingPermissions: ["DeviceManagementConfiguration.Read.All"] });
    expectFailedWith(result, "provider_permission_missing", 1);
    expect(result.sentence).toBe("The provider connection lacks the Microsoft Graph permission: DeviceManagementConfiguration.Read.All.");
    expect(result.run.diagnostics).toMatchObject({ missingPermissions: ["DeviceManagementConfiguration.Read.All"] });
  });

  it("a Retry-After longer than the worker may wait is not waited out", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.throttle({ times: 1_000, retryAfterSeconds: 120 });
    const result = await syncEnding(seeded);
    expectFailedWith(result, "provider_throttled", 1);
    expect(result.run.diagnostics).toMatchObject({ error: { reason: "provider_throttled", retryAfterSeconds: 120 } });
  });
});

describe("transient provider failures retry inside the run", () => {
  it("throttling beyond the retries → provider_throttled after max_attempts, each attempt visible", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.throttle({ times: 1_000, retryAfterSeconds: 0 });
    const result = await syncEnding(seeded);
    expectFailedWith(result, "provider_throttled", 3);
    expect(result.sentence).toBe("Microsoft Graph throttled the requests.");
    const retries = (result.run.diagnostics as { retries: { attempt: number; reason: string }[] }).retries;
    expect(retries.map((retry) => [retry.attempt, retry.reason])).toEqual([
      [1, "provider_throttled"],
      [2, "provider_throttled"],
    ]);
  });

  it("an outage beyond the retries → provider_unavailable", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.outage({ until: new Date(Date.now() + 3_600_000) });
    const result = await syncEnding(seeded);
    expectFailedWith(result, "provider_unavailable", 3);
    expect(result.sentence).toBe("Microsoft Graph was unavailable.");
  });

  it("a 503's Retry-After beyond the Graph client's wait sets the pause before the run's next attempt", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.outage({ times: 1, retryAfterSeconds: 1 });
    const result = await syncEnding(seeded);
    expect(result.run).toMatchObject({ status: "succeeded", attempt: 2, itemsSeen: 26, reasonCode: null });
    // The client (50 ms max wait in tests) passed the 1 s on; the worker paused at least that long.
    expect((result.run.diagnostics as { retries: unknown[] }).retries).toEqual([
      expect.objectContaining({ attempt: 1, reason: "provider_unavailable", retryInMs: 1_000 }),
    ]);
  });

  it("a short outage is ridden out: the run succeeds on its second attempt", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    // The Graph client retries once by itself (test setting): two 503s that ask for no pause
    // (Retry-After: 0) end the first attempt.
    seeded.sandboxTenant.outage({ times: 2, retryAfterSeconds: 0 });
    const result = await syncEnding(seeded);
    expect(result.run).toMatchObject({ status: "succeeded", attempt: 2, itemsSeen: 26, reasonCode: null });
    expect((result.run.diagnostics as { retries: unknown[] }).retries).toEqual([expect.objectContaining({ attempt: 1, reason: "provider_unavailable" })]);
    expect(await prisma.inventoryItem.count({ where: { tenantId: seeded.tenant.id } })).toBe(26);
    expect(result.notifications).toEqual([expect.objectContaining({ title: "Sync inventory: Succeeded" })]);
  });

  it("restore is never replayed: one attempt, and an item Graph cannot take fails alone", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    await accept(prisma, seeded, "backup.capture");
    await worker.runOnce();
    const set = await prisma.backupSet.findFirstOrThrow({ where: { tenantId: seeded.tenant.id } });
    // Graph is down for the first writes, longer than the Graph client's own retry.
    seeded.sandboxTenant.outage({ times: 4, retryAfterSeconds: 0 });
    const runId = await accept(prisma, seeded, "restore.execute", { kind: "backup_set", id: set.id });
    await worker.runOnce();
    const { run } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "partially_succeeded", attempt: 1, maxAttempts: 1, itemsFailed: 2, itemsChanged: 24, reasonCode: "provider_unavailable" });
  });
});

describe("the bound connection", () => {
  async function withoutProviderCalls(seeded: SeededTenant, change: () => Promise<unknown>) {
    const runId = await accept(prisma, seeded, "inventory.sync");
    await change();
    const before = seeded.sandboxTenant.requests.length;
    await worker.runOnce();
    // The provider was never called: no token request, no Graph request.
    expect(seeded.sandboxTenant.requests.length).toBe(before);
    return ending(prisma, seeded, runId);
  }

  it("identity rotated after admission → connection_changed, without calling Microsoft", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const result = await withoutProviderCalls(seeded, () =>
      prisma.providerConnection.update({ where: { id: seeded.connection.id }, data: { identityVersion: { increment: 1 } } }),
    );
    expect(result.run).toMatchObject({ status: "failed", reasonCode: "connection_changed" });
    expect(result.run.reasonDetail).toMatch(/identity .* changed after the run was queued \(version 1 → 2\)/);
    expect(result.sentence).toBe("The provider connection changed after the run was queued.");
    expect(result.notifications).toEqual([expect.objectContaining({ body: `Contoso Ltd: ${result.sentence}` })]);
  });

  it("disabled after admission → connection_changed", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const result = await withoutProviderCalls(seeded, () =>
      prisma.providerConnection.update({ where: { id: seeded.connection.id }, data: { enabled: false } }),
    );
    expect(result.run).toMatchObject({ status: "failed", reasonCode: "connection_changed" });
    expect(result.run.reasonDetail).toMatch(/was disabled after the run was queued/);
  });

  it("deleted after admission → connection_changed", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const result = await withoutProviderCalls(seeded, () => prisma.providerConnection.delete({ where: { id: seeded.connection.id } }));
    expect(result.run).toMatchObject({ status: "failed", reasonCode: "connection_changed", providerConnectionId: null });
    expect(result.run.reasonDetail).toMatch(/was deleted after the run was queued/);
  });

  it("a secret sealed with another key is reported without the value and without calling Microsoft", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const otherKey = new EncryptionKey(randomBytes(32), "env");
    const result = await withoutProviderCalls(seeded, () =>
      prisma.providerConnection.update({ where: { id: seeded.connection.id }, data: { clientSecretEncrypted: sealSecret(seeded.secret, otherKey) } }),
    );
    expect(result.run).toMatchObject({ status: "failed", reasonCode: "internal_error" });
    expect(result.run.reasonDetail).toBe("The stored client secret could not be decrypted with this worker's encryption key.");
    expect(JSON.stringify(result.run)).not.toContain(seeded.secret);
  });
});
