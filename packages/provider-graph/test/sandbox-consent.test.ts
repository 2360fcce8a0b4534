// The sandbox's token endpoint honours admin-consent answers recorded in its consent store.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { permissionsByNeed } from "@tenantpilot/dispatch-gate/contract";
import {
  ConfidentialAppCache,
  applyDemoConditions,
  checkConnection,
  createGraphClient,
  createSandbox,
  demoGrantedPermissions,
  demoTenants,
  fileSandboxConsentStore,
  graphPermissions,
  memorySandboxConsentStore,
  sandboxConsentFile,
  type RequiredPermissionsByOperation,
} from "../src/index";
import { clientFor, clientId, newTenantId, useSandbox } from "./sandbox-harness";

const required: RequiredPermissionsByOperation = permissionsByNeed;
const consents = memorySandboxConsentStore();
const sandbox = useSandbox({ consents });

/** A fresh client each time: MSAL would otherwise answer from its token cache. */
const check = (tenantId: string) => checkConnection(clientFor(tenantId), required);

describe("a sandbox with a consent store", () => {
  test("a grant gives an app without consent its token and the granted permissions", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    tenant.revokeConsent(clientId);
    for (const permission of [...tenant.app(clientId)!.permissions]) tenant.removePermission(permission, clientId);
    expect(await check(tenantId)).toMatchObject({ ok: false, reason: "provider_consent_missing" });

    await consents.grant({ microsoftTenantId: tenantId, clientId, permissions: demoGrantedPermissions });
    const result = await check(tenantId);
    expect(result).toMatchObject({ ok: true });
    expect(result.grantedPermissions).toEqual([...demoGrantedPermissions].sort());
    expect(tenant.servicePrincipals().map((principal) => principal.appId)).toContain(clientId);
  });

  test("a grant adds to what the app already had, as Entra's admin consent does", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    tenant.removePermission(graphPermissions.managedDevicesRead, clientId);
    tenant.removePermission(graphPermissions.managedDevicesReadWrite, clientId);
    const before = tenant.app(clientId)!.permissions.size;
    await consents.grant({ microsoftTenantId: tenantId, clientId, permissions: [graphPermissions.managedDevicesRead] });
    const result = await check(tenantId);
    expect(result.ok).toBe(true);
    expect(result.grantedPermissions).toHaveLength(before + 1);
  });

  test("a revocation makes the next token request fail like a deleted service principal", async () => {
    const tenantId = newTenantId();
    expect((await check(tenantId)).ok).toBe(true);
    await consents.revoke({ microsoftTenantId: tenantId, clientId });
    const result = await check(tenantId);
    expect(result).toMatchObject({ ok: false, reason: "provider_consent_missing", error: { aadsts: "AADSTS7000229" } });
  });

  test("each answer applies once: a later knob is not undone, a newer answer overrides it", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    await consents.grant({ microsoftTenantId: tenantId, clientId, permissions: [] });
    expect((await check(tenantId)).ok).toBe(true);
    const generation = tenant.app(clientId)!.generation;

    // Repeated token requests with no new answer leave the app (and its tokens) alone.
    expect((await check(tenantId)).ok).toBe(true);
    expect(tenant.app(clientId)!.generation).toBe(generation);

    tenant.revokeConsent(clientId);
    expect(await check(tenantId)).toMatchObject({ ok: false, reason: "provider_consent_missing" });
    await consents.grant({ microsoftTenantId: tenantId, clientId, permissions: [] });
    expect((await check(tenantId)).ok).toBe(true);
  });

  test("an answer for an app the tenant does not know changes nothing", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    tenant.acceptUnregisteredApps(false);
    await consents.grant({ microsoftTenantId: tenantId, clientId, permissions: demoGrantedPermissions });
    expect(await check(tenantId)).toMatchObject({ ok: false, error: { aadsts: "AADSTS700016" } });
    expect(tenant.app(clientId)).toBeUndefined();
  });

  test("answers apply again after a reset, to the freshly created tenant", async () => {
    const tenantId = newTenantId();
    await consents.revoke({ microsoftTenantId: tenantId, clientId });
    expect((await check(tenantId)).ok).toBe(false);
    sandbox.reset();
    expect((await check(tenantId)).ok).toBe(false);
  });
});

describe("the demo tenant without consent, granted through a file shared with another process", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "sandbox-demo-consent-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test("adatum: consent missing as the demo starts, every operation's permissions once the prompt is accepted", async () => {
    const file = sandboxConsentFile(directory);
    // The sandbox of the worker reads the file; the admin app's store writes it.
    const workerSandbox = createSandbox({ consents: fileSandboxConsentStore(file) });
    applyDemoConditions(workerSandbox);
    const adatum = demoTenants.find((tenant) => tenant.condition === "consent_missing")!;
    // Handlers of this second sandbox take precedence over the file's own sandbox for this test.
    sandbox.server.use(...workerSandbox.handlers);
    const demoCheck = () =>
      checkConnection(
        createGraphClient({
          tenantId: adatum.microsoftTenantId,
          clientId: adatum.clientId,
          clientSecret: adatum.clientSecret,
          appCache: new ConfidentialAppCache(),
          retry: { maxRetries: 1, maxDelayMs: 10, baseDelayMs: 5 },
        }),
        required,
      );

    expect(await demoCheck()).toMatchObject({ ok: false, reason: "provider_consent_missing" });
    await fileSandboxConsentStore(file).grant({ microsoftTenantId: adatum.microsoftTenantId, clientId: adatum.clientId, permissions: demoGrantedPermissions });
    const result = await demoCheck();
    expect(result.ok).toBe(true);
    expect(result.grantedPermissions).toEqual([...demoGrantedPermissions].sort());
    expect(Object.values(result.missingByOperation).flat()).toEqual([]);
  });
});
