import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openSecret } from "@tenantpilot/auth";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

describe("connections.create", () => {
  it("seals the secret, never returns it, and makes the first connection primary", async () => {
    const world = await seedWorld(prisma);
    const tenant = await prisma.tenant.create({
      data: { workspaceId: world.workspaces.home.id, slug: `t-${randomUUID().slice(0, 8)}`, displayName: "Empty", microsoftTenantId: randomUUID(), status: "active" },
    });
    const owner = callerAs(env, world.users.owner);
    const clientId = randomUUID();
    const created = await owner.connections.create({ tenant: tenant.slug, displayName: "Graph app", clientId, clientSecret: "pa$$word-from-entra" });

    expect(created).toMatchObject({ tenantId: tenant.id, clientId, hasSecret: true, isPrimary: true, identityVersion: 1, consentState: "pending" });
    expect(JSON.stringify(created)).not.toContain("pa$$word-from-entra");
    expect(Object.keys(created)).not.toContain("clientSecretEncrypted");
    const row = await prisma.providerConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.clientSecretEncrypted).not.toContain("pa$$word-from-entra");
    expect(openSecret(row.clientSecretEncrypted!, env.encryptionKey())).toBe("pa$$word-from-entra");

    const second = await owner.connections.create({ tenant: tenant.slug, displayName: "Second", clientId: randomUUID() });
    expect(second).toMatchObject({ isPrimary: false, hasSecret: false });

    const audit = await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id, action: "connection.created" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("pa$$word-from-entra");
    expect(audit[0]).toMatchObject({ actorKind: "user", actorUserId: world.users.owner.id, targetKind: "provider_connection" });
  });

  it("lists and details never carry a secret", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const { items: list } = await owner.connections.list({ tenant: world.tenants.ready.tenant.slug });
    const detail = await owner.connections.detail({ connectionId: world.tenants.ready.connection!.id });
    for (const shown of [JSON.stringify(list), JSON.stringify(detail)]) {
      expect(shown).not.toContain("v1:not:a:real-secret");
      expect(shown).not.toContain("clientSecretEncrypted");
      expect(shown).toContain('"hasSecret":true');
    }
    expect(list.map((connection) => connection.tenant.slug)).toEqual([world.tenants.ready.tenant.slug]);
  });
});

describe("connection identity", () => {
  it("rotateSecret stores a new sealed secret and bumps identity_version; runs see the change", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const connectionId = world.tenants.ready.connection!.id;
    const expires = new Date(Date.now() + 30 * 86_400_000);
    const started = await owner.operations.start({ tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" });
    expect(started.outcome).toBe("accepted");

    const rotated = await owner.connections.rotateSecret({ connectionId, clientSecret: "rotated-secret", secretExpiresAt: expires });
    expect(rotated).toMatchObject({ identityVersion: 2, hasSecret: true, secretExpiresAt: expires });
    const row = await prisma.providerConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(openSecret(row.clientSecretEncrypted!, env.encryptionKey())).toBe("rotated-secret");

    if (started.outcome !== "accepted") return;
    const detail = await owner.operations.detail({ runId: started.run.id });
    expect(detail.connection).toMatchObject({ bound: { id: connectionId, identityVersion: 1 }, changedSinceAdmission: true });
    const audit = await prisma.auditLogEntry.findFirstOrThrow({ where: { targetId: connectionId, action: "connection.secret_rotated" } });
    expect(JSON.stringify(audit.details)).not.toContain("rotated-secret");
  });

  it("rejects a secret expiry in the past without writing", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const connectionId = world.tenants.ready.connection!.id;
    const before = await prisma.providerConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const error = await rejection(owner.connections.rotateSecret({ connectionId, clientSecret: "x", secretExpiresAt: new Date(Date.now() - 1000) }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(await prisma.providerConnection.findUniqueOrThrow({ where: { id: connectionId } })).toEqual(before);
  });

  it("update with a new client id clears secret and consent and bumps the version; a rename does not", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const connectionId = world.tenants.ready.connection!.id;
    const renamed = await owner.connections.update({ connectionId, displayName: "Renamed app" });
    expect(renamed).toMatchObject({ displayName: "Renamed app", identityVersion: 1, hasSecret: true, consentState: "granted" });

    const newClient = randomUUID();
    const repointed = await owner.connections.update({ connectionId, clientId: newClient });
    expect(repointed).toMatchObject({ clientId: newClient, identityVersion: 2, hasSecret: false, consentState: "pending", grantedPermissions: [] });
    const preview = await owner.operations.preview({ tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" });
    expect(preview).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });

    expect((await rejection(owner.connections.update({ connectionId }))).code).toBe("BAD_REQUEST");
  });
});

describe("connections.setPrimary", () => {
  it("moves the primary flag in one transaction; concurrent calls leave exactly one primary", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.ready.tenant;
    const others = await Promise.all(
      [1, 2, 3, 4].map((n) => owner.connections.create({ tenant: tenant.slug, displayName: `App ${n}`, clientId: randomUUID(), makePrimary: false })),
    );
    const results = await Promise.allSettled(others.map((connection) => owner.connections.setPrimary({ connectionId: connection.id })));
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    const primaries = await prisma.providerConnection.findMany({ where: { tenantId: tenant.id, isPrimary: true } });
    expect(primaries).toHaveLength(1);
    expect(others.map((connection) => connection.id)).toContain(primaries[0]!.id);
    expect(await prisma.auditLogEntry.count({ where: { tenantId: tenant.id, action: "connection.primary_set" } })).toBe(4);
  });

  it("the gate binds the next start to the new primary", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.ready.tenant;
    const other = await owner.connections.create({ tenant: tenant.slug, displayName: "Replacement", clientId: randomUUID(), makePrimary: false });
    await owner.connections.setPrimary({ connectionId: other.id });
    expect(await owner.operations.preview({ tenant: tenant.slug, operation: "inventory.sync" })).toMatchObject({
      outcome: "blocked",
      reason: "provider_consent_missing",
    });
  });
});

describe("connections.disable and consentLink", () => {
  it("a disabled primary blocks starts with provider_connection_disabled", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const connectionId = world.tenants.ready.connection!.id;
    expect(await owner.connections.disable({ connectionId })).toMatchObject({ enabled: false, isPrimary: true });
    const result = await owner.operations.start({ tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" });
    expect(result).toMatchObject({ outcome: "blocked", reason: "provider_connection_disabled" });
    expect(await prisma.auditLogEntry.count({ where: { targetId: connectionId, action: "connection.disabled" } })).toBe(1);
  });

  it("builds Microsoft's admin consent URL for the tenant and the app", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const { tenant, connection } = world.tenants.consentMissing;
    const { url, redirectUri } = await owner.connections.consentLink({ connectionId: connection!.id });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`https://login.microsoftonline.com/${tenant.microsoftTenantId}/adminconsent`);
    expect(parsed.searchParams.get("client_id")).toBe(connection!.clientId);
    expect(parsed.searchParams.get("redirect_uri")).toBe(redirectUri);
    expect(redirectUri).toBe("https://admin.example.test/admin/provider-connections/consent");

    const configured = callerAs({ ...env, consentRedirectUri: "https://msp.example/consent-done" }, world.users.owner);
    expect((await configured.connections.consentLink({ connectionId: connection!.id })).redirectUri).toBe("https://msp.example/consent-done");
  });
});
