import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openSecret } from "@tenantpilot/auth";
import { testPrisma } from "../../../tests/support/databases";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { allPermissions, seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const slug = () => `new-${randomUUID().slice(0, 8)}`;

/** What a successful connection.check leaves behind (the worker's job): consent, permissions, run succeeded. */
async function checkSucceeded(runId: string, connectionId: string) {
  await prisma.providerConnection.update({
    where: { id: connectionId },
    data: { consentState: "granted", grantedPermissions: allPermissions, lastCheckAt: new Date(), lastCheckStatus: "ok" },
  });
  await prisma.operationRun.update({ where: { id: runId }, data: { status: "succeeded", startedAt: new Date(), finishedAt: new Date() } });
}

describe("onboarding wizard", () => {
  it("details → connection → verify (connection.check) → first_sync (inventory.sync) → done → completed", async () => {
    const world = await seedWorld(prisma);
    const manager = callerAs(env, world.users.manager);
    const draft = await manager.onboarding.create({ workspace: world.workspaces.home.slug });
    expect(draft).toMatchObject({ step: "details", status: "open", tenant: null, createdBy: { id: world.users.manager.id } });

    const tenantSlug = slug();
    const details = await manager.onboarding.advance({
      draftId: draft.id,
      step: "details",
      tenant: { displayName: "Adatum", slug: tenantSlug.toUpperCase(), microsoftTenantId: randomUUID() },
    });
    expect(details).toEqual({ draft: { id: draft.id, step: "connection", status: "open" }, start: null });
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

    const tooEarly = await rejection(manager.onboarding.advance({ draftId: draft.id, step: "first_sync" }));
    expect(tooEarly).toEqual({ code: "PRECONDITION_FAILED", message: "The connection check is still queued; start the first sync once it succeeded." });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).status).toBe("onboarding");

    await checkSucceeded(verifyRunId, connectionId);
    const firstSync = await manager.onboarding.advance({ draftId: draft.id, step: "first_sync" });
    expect(firstSync.start).toMatchObject({ outcome: "accepted", run: { operation: "inventory.sync" }, connection: { id: connectionId } });
    expect(firstSync.draft.step).toBe("done");
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).status).toBe("active");

    const completed = await manager.onboarding.complete({ draftId: draft.id });
    expect(completed).toMatchObject({ status: "completed", step: "done", firstSyncRun: { operation: "inventory.sync" }, verifyRun: { status: "succeeded" } });
    expect(await manager.onboarding.list({ workspace: world.workspaces.home.slug })).not.toContainEqual(expect.objectContaining({ id: draft.id }));

    const actions = await prisma.auditLogEntry.findMany({ where: { targetId: draft.id }, select: { action: true } });
    // Timestamps have millisecond resolution, so compare as a set rather than by order.
    expect(actions.map((entry) => entry.action).sort()).toEqual([
      "onboarding.started",
      "onboarding.details_saved",
      "onboarding.connection_saved",
      "onboarding.verify_started",
      "onboarding.first_sync_started",
      "onboarding.completed",
    ].sort());
  });

  it("a failed check keeps the wizard at first_sync with the reason; verifying again is allowed", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const draft = await owner.onboarding.create({ workspace: world.workspaces.home.id });
    await owner.onboarding.advance({ draftId: draft.id, step: "details", tenant: { displayName: "Litware", slug: slug(), microsoftTenantId: randomUUID() } });
    await owner.onboarding.advance({ draftId: draft.id, step: "connection", connection: { displayName: "Litware app", clientId: randomUUID(), clientSecret: "s" } });
    const verify = await owner.onboarding.advance({ draftId: draft.id, step: "verify" });
    if (verify.start?.outcome !== "accepted") throw new Error("expected the check to be accepted");
    await prisma.operationRun.update({
      where: { id: verify.start.run.id },
      data: { status: "failed", reasonCode: "provider_consent_missing", startedAt: new Date(), finishedAt: new Date() },
    });

    const refused = await rejection(owner.onboarding.advance({ draftId: draft.id, step: "first_sync" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toContain("The provider connection has no admin consent in Microsoft Entra.");

    const again = await owner.onboarding.advance({ draftId: draft.id, step: "verify" });
    expect(again.start).toMatchObject({ outcome: "accepted" });
    expect((await owner.onboarding.get({ draftId: draft.id })).verifyRun?.id).toBe(again.start?.outcome === "accepted" ? again.start.run.id : null);
  });

  it("refuses out-of-order steps and taken slugs without writing", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const draft = await owner.onboarding.create({ workspace: world.workspaces.home.slug });
    const auditBefore = await prisma.auditLogEntry.count();

    expect(await rejection(owner.onboarding.advance({ draftId: draft.id, step: "verify" }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "This onboarding is at the details step.",
    });
    const taken = await rejection(
      owner.onboarding.advance({
        draftId: draft.id,
        step: "details",
        tenant: { displayName: "Dup", slug: world.tenants.foreign.tenant.slug, microsoftTenantId: randomUUID() },
      }),
    );
    expect(taken.code).toBe("BAD_REQUEST");
    expect(taken.message).toContain("tenant.slug: is already in use");
    const badSlug = await rejection(
      owner.onboarding.advance({ draftId: draft.id, step: "details", tenant: { displayName: "Bad", slug: "-nope-", microsoftTenantId: randomUUID() } }),
    );
    expect(badSlug.code).toBe("BAD_REQUEST");
    expect(await rejection(owner.onboarding.complete({ draftId: draft.id }))).toMatchObject({ code: "PRECONDITION_FAILED" });

    expect(await prisma.auditLogEntry.count()).toBe(auditBefore);
    expect((await owner.onboarding.get({ draftId: draft.id })).step).toBe("details");
  });

  it("cancel closes the draft and archives the tenant it created", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const draft = await owner.onboarding.create({ workspace: world.workspaces.home.slug });
    const tenantSlug = slug();
    await owner.onboarding.advance({ draftId: draft.id, step: "details", tenant: { displayName: "Proseware", slug: tenantSlug, microsoftTenantId: randomUUID() } });
    const cancelled = await owner.onboarding.cancel({ draftId: draft.id });
    expect(cancelled).toMatchObject({ status: "cancelled", tenant: { slug: tenantSlug, status: "archived" } });
    expect(await rejection(owner.onboarding.cancel({ draftId: draft.id }))).toEqual({ code: "PRECONDITION_FAILED", message: "This onboarding is cancelled." });
  });
});
