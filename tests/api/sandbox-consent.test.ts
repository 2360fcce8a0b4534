// Sandbox mode's admin-consent prompt: the consent link points at it, Accept records the consent
// in the installation's store and answers like Entra, Cancel answers like Entra, foreign redirect
// URIs and cross-site posts are refused, and in microsoft mode neither the page nor the link exist.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@tenantpilot/auth";
import { memorySandboxConsentStore, type SandboxConsentStore } from "@tenantpilot/provider-graph";
import { createApiEnvironment } from "../../apps/admin/server/api-environment";
import { createRemixLoadContext } from "../../apps/admin/server/remix-context";
import { action, loader } from "../../apps/admin/app/routes/sandbox.adminconsent";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, testEnvironment } from "./support/api-caller";
import { sessionCookie } from "./support/raw-trpc";
import { allPermissions, PASSWORD, seedWorld, type World } from "./support/world";

// This file loads an admin route module, so it type-checks it with the admin app's Remix
// future flags (apps/admin/vite.config.ts declares the same).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const prisma = testPrisma(10);
let world: World;
const sandboxStore = memorySandboxConsentStore();
const microsoftStore = memorySandboxConsentStore();
const closers: (() => void)[] = [];
let sandboxUrl: string;
let microsoftUrl: string;
let cookie: string;

/**
 * The admin server's Remix wiring without a Remix build: the load context exactly as
 * server/app.ts builds it for the mode, handed to the route module's loader and action.
 */
async function serve(providerMode: "sandbox" | "microsoft", store: SandboxConsentStore): Promise<string> {
  const env = createApiEnvironment({ prisma, providerMode });
  const app = express();
  app.use(express.text({ type: "*/*" }));
  app.post("/login", async (req, res) => {
    const context = await createRemixLoadContext(env, [], req, res, store);
    const outcome = await context.session.login(JSON.parse(req.body as string) as { email: string; password: string });
    if (outcome.ok) for (const value of outcome.headers.getSetCookie()) res.append("Set-Cookie", value);
    res.json({ ok: outcome.ok });
  });
  app.all("/sandbox/adminconsent", async (req, res) => {
    const context = await createRemixLoadContext(env, [], req, res, store);
    const url = `${req.protocol}://${req.get("host")}${req.originalUrl}`;
    const headers = new Headers(Object.entries(req.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
    const request = new Request(url, { method: req.method, headers, ...(req.method === "POST" ? { body: req.body as string } : {}) });
    let answer: unknown;
    try {
      answer = await (req.method === "POST" ? action({ request, context, params: {} }) : loader({ request, context, params: {} }));
    } catch (thrown) {
      answer = thrown;
    }
    if (answer instanceof Response) {
      res.status(answer.status);
      const location = answer.headers.get("location");
      if (location) res.set("location", location);
      res.end();
      return;
    }
    // Remix's data(): { type: "DataWithResponseInit", data, init }.
    const withInit = answer as { type?: string; data?: unknown; init?: { status?: number } | null };
    if (withInit?.type === "DataWithResponseInit") res.status(withInit.init?.status ?? 200).json(withInit.data);
    else res.json(answer);
  });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  world = await seedWorld(prisma, { passwordHash: await hashPassword(PASSWORD) });
  sandboxUrl = await serve("sandbox", sandboxStore);
  // Even with a store at hand, microsoft mode has no simulated prompt.
  microsoftUrl = await serve("microsoft", microsoftStore);
  const login = await fetch(`${sandboxUrl}/login`, {
    method: "POST",
    headers: { origin: sandboxUrl },
    body: JSON.stringify({ email: world.users.owner.email, password: PASSWORD }),
  });
  cookie = sessionCookie(login.headers)!.pair;
});
afterAll(async () => {
  for (const close of closers) close();
  await prisma.$disconnect();
});

const tenantId = () => world.tenants.consentMissing.tenant.microsoftTenantId;
const clientId = () => world.tenants.consentMissing.connection!.clientId;
const landing = (base: string) => `${base}/admin/provider-connections/consent`;

function promptUrl(base: string, params: Record<string, string>): string {
  const url = new URL("/sandbox/adminconsent", base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

function answer(base: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}/sandbox/adminconsent`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("connections.consentLink", () => {
  it("in sandbox mode leads to the simulated prompt on this app's origin, with Entra's parameters", async () => {
    const env = { ...testEnvironment(prisma), providerMode: "sandbox" as const };
    const link = await callerAs(env, world.users.owner).connections.consentLink({ connectionId: world.tenants.consentMissing.connection!.id });
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe("https://admin.example.test/sandbox/adminconsent");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: tenantId(),
      client_id: clientId(),
      redirect_uri: "https://admin.example.test/admin/provider-connections/consent",
    });
    expect(link).toMatchObject({ redirectUri: "https://admin.example.test/admin/provider-connections/consent", simulated: true });
  });

  it("in microsoft mode (and when the environment does not say) leads to Microsoft Entra", async () => {
    for (const env of [{ ...testEnvironment(prisma), providerMode: "microsoft" as const }, testEnvironment(prisma)]) {
      const link = await callerAs(env, world.users.owner).connections.consentLink({ connectionId: world.tenants.consentMissing.connection!.id });
      expect(link.url).toBe(
        `https://login.microsoftonline.com/${tenantId()}/adminconsent?client_id=${clientId()}&redirect_uri=${encodeURIComponent("https://admin.example.test/admin/provider-connections/consent")}`,
      );
      expect(link.simulated).toBe(false);
    }
  });

  it("the admin server's environment is in sandbox mode unless told otherwise, like the worker", () => {
    expect(createApiEnvironment({ prisma }).providerMode).toBe("sandbox");
    expect(createApiEnvironment({ prisma, providerMode: "microsoft" }).providerMode).toBe("microsoft");
  });
});

describe("/sandbox/adminconsent in sandbox mode", () => {
  it("shows the app, the tenant and every permission the operations need to a signed-in user", async () => {
    const response = await fetch(promptUrl(sandboxUrl, { tenant: tenantId().toUpperCase(), client_id: clientId(), redirect_uri: landing(sandboxUrl) }), { headers: { cookie } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { problem: null; consent: Record<string, unknown> };
    expect(body.consent).toEqual({
      microsoftTenantId: tenantId().toLowerCase(),
      clientId: clientId().toLowerCase(),
      redirectUri: landing(sandboxUrl),
      state: null,
      requestedPermissions: [...allPermissions].sort(),
      signedInAs: world.users.owner.email,
    });
  });

  it("sends a visitor who is not signed in to the login page, coming back to the prompt", async () => {
    const url = promptUrl(sandboxUrl, { tenant: tenantId(), client_id: clientId(), redirect_uri: landing(sandboxUrl) });
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!, sandboxUrl);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("redirectTo")).toBe(`${new URL(url).pathname}${new URL(url).search}`);
  });

  it("Accept records the consent with the requested permissions and returns like Entra (admin_consent, tenant, state)", async () => {
    const response = await answer(sandboxUrl, {
      answer: "accept",
      tenant: tenantId(),
      client_id: clientId(),
      redirect_uri: `${landing(sandboxUrl)}?from=prompt`,
      state: "connection-42",
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(landing(sandboxUrl));
    expect(Object.fromEntries(location.searchParams)).toEqual({ from: "prompt", admin_consent: "True", tenant: tenantId().toLowerCase(), state: "connection-42" });
    await expect(sandboxStore.find({ microsoftTenantId: tenantId(), clientId: clientId() })).resolves.toMatchObject({
      consent: "granted",
      permissions: [...allPermissions].sort(),
    });
  });

  it("Cancel records nothing and returns access_denied with Entra's description", async () => {
    const other = world.tenants.ready;
    const response = await answer(sandboxUrl, { answer: "cancel", tenant: other.tenant.microsoftTenantId, client_id: other.connection!.clientId, redirect_uri: landing(sandboxUrl) });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(landing(sandboxUrl));
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toBe("AADSTS65004: User declined to consent to access the app.");
    expect(location.searchParams.has("admin_consent")).toBe(false);
    await expect(sandboxStore.find({ microsoftTenantId: other.tenant.microsoftTenantId, clientId: other.connection!.clientId })).resolves.toBeUndefined();
  });

  it.each([
    ["another site", "https://evil.example/steal"],
    ["another port of this host", landing(sandboxUrl).replace(/:(\d+)\//, (_m, port: string) => `:${Number(port) + 1}/`)],
    ["a script URL", "javascript:alert(1)"],
    ["a relative path", "/admin/provider-connections/consent"],
  ])("refuses a redirect_uri on %s: an error page, no redirect, nothing recorded", async (_label, redirectUri) => {
    const target = { microsoftTenantId: world.tenants.foreign.tenant.microsoftTenantId, clientId: world.tenants.foreign.connection!.clientId };
    const shown = await fetch(promptUrl(sandboxUrl, { tenant: target.microsoftTenantId, client_id: target.clientId, redirect_uri: redirectUri }), { headers: { cookie }, redirect: "manual" });
    expect(shown.status).toBe(400);
    expect(shown.headers.get("location")).toBeNull();
    expect(await shown.json()).toMatchObject({ consent: null, problem: { code: "AADSTS50011" } });

    const posted = await answer(sandboxUrl, { answer: "accept", tenant: target.microsoftTenantId, client_id: target.clientId, redirect_uri: redirectUri });
    expect(posted.status).toBe(400);
    expect(posted.headers.get("location")).toBeNull();
    await expect(sandboxStore.find(target)).resolves.toBeUndefined();
  });

  it("refuses requests without a GUID client id or tenant", async () => {
    const missingClient = await fetch(promptUrl(sandboxUrl, { tenant: tenantId(), redirect_uri: landing(sandboxUrl) }), { headers: { cookie } });
    expect(missingClient.status).toBe(400);
    expect(await missingClient.json()).toMatchObject({ problem: { code: "AADSTS900144" } });
    const domainTenant = await fetch(promptUrl(sandboxUrl, { tenant: "contoso.onmicrosoft.com", client_id: clientId(), redirect_uri: landing(sandboxUrl) }), { headers: { cookie } });
    expect(domainTenant.status).toBe(400);
  });

  it("refuses an answer posted from another site (403) and records nothing", async () => {
    const target = { microsoftTenantId: world.tenants.ready.tenant.microsoftTenantId, clientId: world.tenants.ready.connection!.clientId };
    const response = await answer(
      sandboxUrl,
      { answer: "accept", tenant: target.microsoftTenantId, client_id: target.clientId, redirect_uri: landing(sandboxUrl) },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    await expect(sandboxStore.find(target)).resolves.toBeUndefined();
  });
});

describe("/sandbox/adminconsent in microsoft mode", () => {
  it("does not exist: 404 for the page and for an answer", async () => {
    const params = { tenant: tenantId(), client_id: clientId(), redirect_uri: landing(microsoftUrl) };
    const shown = await fetch(promptUrl(microsoftUrl, params), { headers: { cookie }, redirect: "manual" });
    expect(shown.status).toBe(404);
    const posted = await answer(microsoftUrl, { answer: "accept", ...params });
    expect(posted.status).toBe(404);
    expect(posted.headers.get("location")).toBeNull();
    expect(microsoftStore.records()).toEqual([]);
  });
});
