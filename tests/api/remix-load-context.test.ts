// The Remix load context built by the admin server: a caller bound to the request's identity,
// the viewer, and session helpers returning the Set-Cookie headers an action must send.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, hashSessionId } from "@tenantpilot/auth";
import { testPrisma } from "@tenantpilot/test-support";
import { createApiEnvironment } from "../../apps/admin/server/api-environment";
import { createRemixLoadContext } from "../../apps/admin/server/remix-context";
import { sessionCookie } from "./support/raw-trpc";
import { PASSWORD, seedWorld, type World } from "./support/world";

const prisma = testPrisma(10);
let world: World;
let url: string;
let close: () => void;

beforeAll(async () => {
  world = await seedWorld(prisma, { passwordHash: await hashPassword(PASSWORD) });
  const env = createApiEnvironment({ prisma });
  const app = express();
  app.use(express.json());
  // Stand-ins for a loader and for actions: each builds the context exactly as Remix gets it.
  app.get("/loader", async (req, res) => {
    const context = await createRemixLoadContext(env, [], req, res);
    res.json({ viewer: context.viewer, tenants: context.viewer ? (await context.api.tenants.list()).items.map((t) => t.slug) : null });
  });
  app.post("/login", async (req, res) => {
    const context = await createRemixLoadContext(env, [], req, res);
    const outcome = await context.session.login(req.body as { email: string; password: string });
    if (outcome.ok) for (const cookie of outcome.headers.getSetCookie()) res.append("Set-Cookie", cookie);
    res.json(outcome.ok ? { ok: true } : outcome);
  });
  app.post("/logout", async (req, res) => {
    const context = await createRemixLoadContext(env, [], req, res);
    const { headers } = await context.session.logout();
    for (const cookie of headers.getSetCookie()) res.append("Set-Cookie", cookie);
    res.json({ ok: true });
  });
  app.post("/disable", async (req, res) => {
    const context = await createRemixLoadContext(env, [], req, res);
    try {
      res.json(await context.api.connections.disable({ connectionId: world.tenants.consentMissing.connection!.id }));
    } catch (error) {
      res.status(403).json({ code: (error as { code?: string }).code });
    }
  });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await prisma.$disconnect();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: url, ...headers }, body: JSON.stringify(body) });

describe("Remix load context", () => {
  it("anonymous: no viewer", async () => {
    expect(await (await fetch(`${url}/loader`)).json()).toEqual({ viewer: null, tenants: null });
  });

  it("session.login returns the cookie; then api and viewer act as that user; logout clears it", async () => {
    const wrong = await post("/login", { email: world.users.restricted.email, password: "wrong password" });
    expect(await wrong.json()).toEqual({ ok: false, error: "invalid_credentials" });

    const login = await post("/login", { email: world.users.restricted.email, password: PASSWORD });
    const cookie = sessionCookie(login.headers);
    expect(cookie).not.toBeNull();
    const headers = { cookie: cookie!.pair };

    const loaded = (await (await fetch(`${url}/loader`, { headers })).json()) as { viewer: { user: { id: string }; workspaces: { role: string }[] }; tenants: string[] };
    expect(loaded.viewer.user.id).toBe(world.users.restricted.id);
    expect(loaded.viewer.workspaces.map((workspace) => workspace.role)).toEqual(["owner"]);
    expect(loaded.tenants).toEqual([world.tenants.consentMissing.tenant.slug]);

    const out = await post("/logout", {}, headers);
    expect(sessionCookie(out.headers)?.value).toBe("");
    expect(await (await fetch(`${url}/loader`, { headers })).json()).toEqual({ viewer: null, tenants: null });
  });

  it("actions are held to the same Origin rule as /api/trpc", async () => {
    const login = await post("/login", { email: world.users.owner.email, password: PASSWORD });
    const headers = { cookie: sessionCookie(login.headers)!.pair };
    const crossSite = await post("/disable", {}, { ...headers, origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({ code: "FORBIDDEN" });
    const sameSite = await post("/disable", {}, headers);
    expect(await sameSite.json()).toMatchObject({ enabled: false });
  });

  it("a renewed session cookie rides on the loader's response", async () => {
    const login = await post("/login", { email: world.users.manager.email, password: PASSWORD });
    const cookie = sessionCookie(login.headers)!;
    await prisma.session.update({ where: { id: hashSessionId(cookie.value) }, data: { expiresAt: new Date(Date.now() + 3_600_000) } });
    const loaded = await fetch(`${url}/loader`, { headers: { cookie: cookie.pair } });
    expect(sessionCookie(loaded.headers)?.value).toBe(cookie.value);
  });
});
