import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openSecret } from "@tenantpilot/auth";
import { finishRun, startRun, type FinishRunInput } from "@tenantpilot/dispatch-gate";
import { outcomeWords } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { allPermissions, seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const slug = () => `new-${randomUUID().slice(0, 8)}`;

/** What a connection.check leaves behind (the worker's job): what it learned, and the run ended through the lifecycle. */
async function checkEnded(runId: string, connectionId: string, learned: { consentState: string; grantedPermissions: string[] }, ending: FinishRunInput) {
  await prisma.providerConnection.update({
    where: { id: connectionId },
    data: { ...learned, lastCheckAt: new Date(), lastCheckStatus: ending.status === "succeeded" ? "ok" : "failed" },
  });
  const claimed = await startRun(prisma, runId, { workerId: "test" });
  if (!claimed.ok) throw new Error("the check could not be claimed");
  if (!(await finishRun(prisma, runId, ending)).ok) throw new Error("the check could not be finished");
}

const checkSucceeded = (runId: string, connectionId: string) =>
  checkEnded(runId, connectionId, { consentState: "granted", grantedPermissions: allPermissions }, { status: "succeeded" });

/** A draft that reached first_sync: details, connection, and a verify the gate accepted. */
async function draftAtFirstSync(world: Awaited<ReturnType<typeof seedWorld>>) {
  const owner = callerAs(env, world.users.owner);
  const draft = await owner.onboarding.begin({ workspace: world.workspaces.home.id, tenant: { displayName: "Litware", slug: slug(), microsoftTenantId: randomUUID() } });
  await owner.onboarding.advance({ draftId: draft.id, step: "connection", connection: { displayName: "Litware app", clientId: randomUUID(), clientSecret: "s" } });
  const verify = await owner.onboarding.advance({ draftId: draft.id, step: "verify" });
  if (verify.start?.outcome !== "accepted") throw new Error("expected the check to be accepted");
  const view = await owner.onboarding.get({ draftId: draft.id });
  return { owner, draft, checkRunId: verify.start.run.id, connectionId: view.connection!.id, tenantId: view.tenant!.id };
}

describe("onboarding wizard", () => {
  it("details → connection → verify (connection.check) → first_sync (inventory.sync) → done → completed", async () => {
    const world = await seedWorld(prisma);
    const manager = callerAs(env, world.users.manager);
    const draftsBefore = await prisma.onboardingDraft.count();
    const tenantSlug = slug();
    // The first save makes the draft: with the tenant, at the connection step.
    const draft = await manager.onboarding.begin({
      workspace: world.workspaces.home.slug,
      tenant: { displayName: "Adatum", slug: tenantSlug.toUpperCase(), microsoftTenantId: randomUUID() },
    });
    expect(draft).toMatchObject({ step: "connection", status: "open", tenant: { slug: tenantSlug, status: "onboarding" }, createdBy: { id: world.users.manager.id } });
    expect(await prisma.onboardingDraft.count()).toBe(draftsBefore + 1);
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: tenantSlug } });
    expect(tenant.status).toBe("onboarding");

    await manager.onboarding.advance({
      draftId: draft.id,
      step: "connection",
      connection: { displayName: "Adatum Graph", clientId: randomUUID(), clientSecret: "entra-secret" },
    });
    const resumed = await manager.onboarding.get({ draftId: draft.id });
    expect(resumed).toMatchObject({ step: "verify", tenant: { slug: tenantSlug }, connection: { isPrimary: true, hasSecret: true } });
    const connectionId = resumed.connection!.id;
    const stored = await prisma.providerConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(openSecret(stored.clientSecretEncrypted!, env.encryptionKey())).toBe("entra-secret");

    const verify = await manager.onboarding.advance({ draftId: draft.id, step: "verify" });
    expect(verify.start).toMatchObject({ outcome: "accepted", run: { operation: "connection.check", status: "queued" } });
    expect(verify.draft.step).toBe("first_sync");
    const verifyRunId = verify.start?.outcome === "accepted" ? verify.start.run.id : "";

    // Before the check has confirmed consent, the gate answers the first sync itself: Blocked.
    const tooEarly = await manager.onboarding.advance({ draftId: draft.id, step: "first_sync" });
    expect(tooEarly).toEqual({
      draft: { id: draft.id, step: "first_sync", status: "open" },
      start: {
        outcome: "blocked",
        reason: "provider_consent_missing",
        message: "The provider connection has no admin consent in Microsoft Entra.",
        nextStep: { label: "Grant admin consent", href: `/admin/provider-connections/${connectionId}` },
      },
    });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).status).toBe("onboarding");
    expect((await manager.onboarding.get({ draftId: draft.id })).firstSyncPreview).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });

    await checkSucceeded(verifyRunId, connectionId);
    expect((await manager.onboarding.get({ draftId: draft.id })).firstSyncPreview).toMatchObject({ outcome: "ready" });
    const firstSync = await manager.onboarding.advance({ draftId: draft.id, step: "first_sync" });
    expect(firstSync.start).toMatchObject({ outcome: "accepted", run: { operation: "inventory.sync" }, connection: { id: connectionId } });
    expect(firstSync.draft.step).toBe("done");
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).status).toBe("active");

    const completed = await manager.onboarding.complete({ draftId: draft.id });
    expect(completed).toMatchObject({ status: "completed", step: "done", firstSyncRun: { operation: "inventory.sync" }, verifyRun: { status: "succeeded" } });
    // An active tenant is no longer an onboarding in progress.
    expect((await manager.onboarding.list({ workspace: world.workspaces.home.slug })).items.map((item) => item.tenant.id)).not.toContain(tenant.id);

    const actions = await prisma.auditLogEntry.findMany({ where: { targetId: draft.id }, select: { action: true } });
    // Timestamps have millisecond resolution, so compare as a set rather than by order.
    expect(actions.map((entry) => entry.action).sort()).toEqual([
      "onboarding.started",
      "onboarding.details_saved",
      "onboarding.connection_saved",
      "onboarding.verify_started",
      "onboarding.first_sync_started",
      "onboarding.first_sync_started",
      "onboarding.tenant_activated",
      "onboarding.completed",
    ].sort());
    // The blocked first sync is in the log like any blocked start; it created no run.
    expect(await prisma.auditLogEntry.count({ where: { tenantId: tenant.id, action: "operation.blocked", operation: "inventory.sync" } })).toBe(1);
  });

  it("a check that found no consent: the first sync is Blocked with its next step, the tenant stays onboarding; verifying again is allowed", async () => {
    const world = await seedWorld(prisma);
    const { owner, draft, checkRunId, connectionId, tenantId } = await draftAtFirstSync(world);
    await checkEnded(checkRunId, connectionId, { consentState: "pending", grantedPermissions: [] }, { status: "failed", reason: "provider_consent_missing" });

    const blocked = await owner.onboarding.advance({ draftId: draft.id, step: "first_sync" });
    expect(blocked.start).toEqual({
      outcome: "blocked",
      reason: "provider_consent_missing",
      message: "The provider connection has no admin consent in Microsoft Entra.",
      nextStep: { label: "Grant admin consent", href: `/admin/provider-connections/${connectionId}` },
    });
    expect(outcomeWords[blocked.start!.outcome]).toBe("Blocked");
    expect(blocked.draft.step).toBe("first_sync");
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).status).toBe("onboarding");
    expect(await prisma.operationRun.count({ where: { tenantId, operation: "inventory.sync" } })).toBe(0);

    const again = await owner.onboarding.advance({ draftId: draft.id, step: "verify" });
    expect(again.start).toMatchObject({ outcome: "accepted" });
    expect((await owner.onboarding.get({ draftId: draft.id })).verifyRun?.id).toBe(again.start?.outcome === "accepted" ? again.start.run.id : null);
  });

  it("a check that found a permission missing: the first sync is Blocked naming it, the tenant stays onboarding", async () => {
    const world = await seedWorld(prisma);
    const { owner, draft, checkRunId, connectionId, tenantId } = await draftAtFirstSync(world);
    await checkEnded(
      checkRunId,
      connectionId,
      { consentState: "granted", grantedPermissions: ["Group.Read.All", "User.Read.All"] },
      { status: "failed", reason: "provider_permission_missing", missingPermissions: ["DeviceManagementConfiguration.Read.All"] },
    );

    const blocked = await owner.onboarding.advance({ draftId: draft.id, step: "first_sync" });
    expect(blocked.start).toEqual({
      outcome: "blocked",
      reason: "provider_permission_missing",
      message: "The provider connection lacks the Microsoft Graph permission: DeviceManagementConfiguration.Read.All.",
      nextStep: { label: "Grant the missing permissions", href: `/admin/provider-connections/${connectionId}` },
      missingPermissions: ["DeviceManagementConfiguration.Read.All"],
    });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).status).toBe("onboarding");
    expect((await owner.onboarding.get({ draftId: draft.id })).step).toBe("first_sync");
  });

  it("refuses out-of-order steps and taken slugs without writing", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const draft = await owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Woodgrove", slug: slug(), microsoftTenantId: randomUUID() } });
    const auditBefore = await prisma.auditLogEntry.count();
    const draftsBefore = await prisma.onboardingDraft.count();

    expect(await rejection(owner.onboarding.advance({ draftId: draft.id, step: "verify" }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "This onboarding is at the “Connection and consent” step.",
    });
    // Another workspace's tenant, and this workspace's active tenant, keep their short names.
    for (const taken of [world.tenants.foreign.tenant.slug, world.tenants.ready.tenant.slug]) {
      const refused = await rejection(owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Dup", slug: taken, microsoftTenantId: randomUUID() } }));
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toContain("tenant.slug: is already in use");
    }
    const badSlug = await rejection(
      owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Bad", slug: "-nope-", microsoftTenantId: randomUUID() } }),
    );
    expect(badSlug.code).toBe("BAD_REQUEST");
    expect(await rejection(owner.onboarding.complete({ draftId: draft.id }))).toMatchObject({ code: "PRECONDITION_FAILED" });

    expect(await prisma.auditLogEntry.count()).toBe(auditBefore);
    expect(await prisma.onboardingDraft.count()).toBe(draftsBefore);
    expect((await owner.onboarding.get({ draftId: draft.id })).step).toBe("connection");
  });

  it("cancel (discard) closes the draft and archives the tenant it created", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenantSlug = slug();
    const draft = await owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Proseware", slug: tenantSlug, microsoftTenantId: randomUUID() } });
    const cancelled = await owner.onboarding.cancel({ draftId: draft.id });
    expect(cancelled).toMatchObject({ status: "cancelled", tenant: { slug: tenantSlug, status: "archived", onboardedAt: null } });
    expect(await rejection(owner.onboarding.cancel({ draftId: draft.id }))).toEqual({ code: "PRECONDITION_FAILED", message: "This onboarding is cancelled." });
  });
});
