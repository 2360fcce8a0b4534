// Cookie-authenticated mutations must come from our own origin; Bearer calls are exempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, hashPassword } from "@tenantpilot/auth";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { sessionCookie, trpcMutation, trpcQuery } from "./support/raw-trpc";
import { PASSWORD, seedWorld, type World } from "./support/world";

const prisma = testPrisma(10);
let server: RunningServer;
let world: World;
let cookie: { cookie: string };

beforeAll(async () => {
  server = await startAdminServer(prisma);
  world = await seedWorld(prisma, { passwordHash: await hashPassword(PASSWORD) });
  const login = await trpcMutation(server.url, "auth.login", { email: world.users.owner.email, password: PASSWORD }, { origin: server.url });
  cookie = { cookie: sessionCookie(login.headers)!.pair };
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

const disable = (headers: Record<string, string>) =>
  trpcMutation(server.url, "connections.disable", { connectionId: world.tenants.consentMissing.connection!.id }, headers);

async function connectionEnabled(): Promise<boolean> {
  return (await prisma.providerConnection.findUniqueOrThrow({ where: { id: world.tenants.consentMissing.connection!.id } })).enabled;
}

describe("CSRF: cookie-authenticated mutations", () => {
  it("without Origin or Referer: 403, nothing written", async () => {
    const response = await disable(cookie);
    expect(response.status).toBe(403);
    expect(response.error?.message).toBe("Cross-site request refused: the Origin is not this application.");
    expect(await connectionEnabled()).toBe(true);
  });

  it("from a foreign origin (or an opaque one): 403, nothing written", async () => {
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:1"]) {
      expect((await disable({ ...cookie, origin })).status).toBe(403);
    }
    expect((await disable({ ...cookie, referer: "https://evil.example/page" })).status).toBe(403);
    expect(await connectionEnabled()).toBe(true);
  });

  it("the login form itself: no logging a browser in from another site", async () => {
    const response = await trpcMutation(server.url, "auth.login", { email: world.users.owner.email, password: PASSWORD }, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(sessionCookie(response.headers)).toBeNull();
  });

  it("queries are not mutations: a cookie GET needs no Origin", async () => {
    expect((await trpcQuery(server.url, "tenants.list", undefined, cookie)).status).toBe(200);
  });

  it("from our own origin (Origin, or Referer when Origin is absent): allowed", async () => {
    const viaReferer = await trpcMutation(server.url, "notifications.markAllRead", undefined, { ...cookie, referer: `${server.url}/admin/operations` });
    expect(viaReferer.status).toBe(200);
    const response = await disable({ ...cookie, origin: server.url });
    expect(response.status).toBe(200);
    expect(await connectionEnabled()).toBe(false);
  });
});

describe("CSRF: Bearer tokens are exempt", () => {
  it("a Bearer mutation without any Origin is allowed", async () => {
    const { token } = await createApiToken(prisma, { userId: world.users.owner.id, name: "script" });
    const response = await trpcMutation(
      server.url,
      "operations.start",
      { tenant: world.tenants.ready.tenant.slug, operation: "directory.sync" },
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ outcome: "accepted" });
  });
});

describe("CSRF: configured origins", () => {
  it("only the configured origins are accepted", async () => {
    const configured = await startAdminServer(prisma, { allowedOrigins: ["https://admin.msp.example"] });
    try {
      const own = await trpcMutation(configured.url, "notifications.markAllRead", undefined, { ...cookie, origin: configured.url });
      expect(own.status).toBe(403);
      const front = await trpcMutation(configured.url, "notifications.markAllRead", undefined, { ...cookie, origin: "https://admin.msp.example" });
      expect(front.status).toBe(200);
    } finally {
      await configured.close();
    }
  });
});
