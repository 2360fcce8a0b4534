// Bad input over HTTP: schema failures are BAD_REQUEST with field messages, oversized and
// malformed bodies are refused before any procedure runs, foreign ids look like random ones,
// and a rejected call writes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@tenantpilot/auth";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { read, trpcMutation, trpcQuery } from "./support/raw-trpc";
import { seedWorld, type World } from "./support/world";

const prisma = testPrisma(10);
let server: RunningServer;
let world: World;
let bearer: { authorization: string };

beforeAll(async () => {
  server = await startAdminServer(prisma);
  world = await seedWorld(prisma);
  bearer = { authorization: `Bearer ${(await createApiToken(prisma, { userId: world.users.owner.id, name: "tests" })).token}` };
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

async function writes(): Promise<string> {
  const [row] = await prisma.$queryRaw<unknown[]>`
    SELECT (SELECT count(*) FROM operation_runs)::int AS runs, (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT count(*) FROM provider_connections)::int AS connections, (SELECT count(*) FROM tenants)::int AS tenants`;
  return JSON.stringify(row);
}

describe("schema failures", () => {
  it("an unknown operation id: 400 with a message for the field, nothing written", async () => {
    const before = await writes();
    const response = await trpcMutation(server.url, "operations.start", { tenant: world.tenants.ready.tenant.slug, operation: "tenant.delete" }, bearer);
    expect(response.status).toBe(400);
    expect(response.error?.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(response.error?.data.fieldErrors ?? {})).toEqual(["operation"]);
    expect(response.error?.message).toMatch(/^Invalid input — operation: /);
    expect(await writes()).toBe(before);
  });

  it("several bad fields, nested ones by dotted path", async () => {
    const created = await trpcMutation(
      server.url,
      "connections.create",
      { tenant: world.tenants.ready.tenant.slug, displayName: "", clientId: "not-a-uuid" },
      bearer,
    );
    expect(created.status).toBe(400);
    expect(Object.keys(created.error?.data.fieldErrors ?? {}).sort()).toEqual(["clientId", "displayName"]);

    const advanced = await trpcMutation(
      server.url,
      "onboarding.begin",
      { workspace: world.workspaces.home.slug, tenant: { displayName: "X", slug: "Not A Slug!", microsoftTenantId: "nope" } },
      bearer,
    );
    expect(advanced.status).toBe(400);
    expect(Object.keys(advanced.error?.data.fieldErrors ?? {}).sort()).toEqual(["tenant.microsoftTenantId", "tenant.slug"]);
  });

  it("a missing input is a form-level message", async () => {
    const response = await trpcQuery(server.url, "tenants.detail", undefined, bearer);
    expect(response.status).toBe(400);
    expect(response.error?.data.formErrors?.length ?? 0).toBeGreaterThan(0);
  });
});

describe("bodies", () => {
  it("a body over 100 kB: 413, nothing written", async () => {
    const before = await writes();
    const response = await trpcMutation(
      server.url,
      "connections.create",
      { tenant: world.tenants.ready.tenant.slug, displayName: "Big", clientId: randomUUID(), clientSecret: "x".repeat(150_000) },
      bearer,
    );
    expect(response.status).toBe(413);
    expect(response.error?.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await writes()).toBe(before);
  });

  it("malformed JSON: 400 BAD_REQUEST naming the problem", async () => {
    const response = await read(
      await fetch(`${server.url}/api/trpc/operations.start`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer },
        body: '{"json": {"tenant": ',
      }),
    );
    expect(response.status).toBe(400);
    expect(response.error?.data.code).toBe("BAD_REQUEST");
    expect(response.error?.message).toMatch(/JSON/);
  });

  it("an unknown procedure: 404", async () => {
    const response = await trpcMutation(server.url, "tenants.delete", { tenant: "x" }, bearer);
    expect(response.status).toBe(404);
  });
});

describe("foreign ids over HTTP", () => {
  it("are answered with exactly the body a random id gets", async () => {
    const random = await trpcQuery(server.url, "operations.detail", { runId: randomUUID() }, bearer);
    const foreign = await trpcQuery(server.url, "operations.detail", { runId: world.away.failedRun.id }, bearer);
    expect(random.status).toBe(404);
    expect(foreign.status).toBe(404);
    expect(foreign.error).toEqual(random.error);
    const foreignTenant = await trpcMutation(server.url, "operations.start", { tenant: world.tenants.foreign.tenant.slug, operation: "inventory.sync" }, bearer);
    const randomTenant = await trpcMutation(server.url, "operations.start", { tenant: "no-such-tenant", operation: "inventory.sync" }, bearer);
    expect(foreignTenant.error).toEqual(randomTenant.error);
    expect(foreignTenant.error?.message).toBe("No such tenant.");
  });

  it("never sends a stack trace", async () => {
    const response = await trpcQuery(server.url, "operations.detail", { runId: randomUUID() }, bearer);
    expect(JSON.stringify(response.error)).not.toContain("stack");
  });
});
