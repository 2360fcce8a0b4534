import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createApiToken } from "@tenantpilot/auth";
import type { PreviewResult, StartResult } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "../../../tests/api/support/admin-server";
import { seedWorld, type World } from "../../../tests/api/support/world";
import { apiErrorCode, createAdminClient, isAdminClientError, type AdminClient } from "../src";

const prisma = testPrisma(10);
let server: RunningServer;
let world: World;
let client: AdminClient;

beforeAll(async () => {
  server = await startAdminServer(prisma);
  world = await seedWorld(prisma);
  const { token } = await createApiToken(prisma, { userId: world.users.owner.id, name: "client tests" });
  client = createAdminClient({ url: `${server.url}/`, token });
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

describe("createAdminClient", () => {
  it("is typed by AppRouter: start answers a StartResult, preview a PreviewResult", () => {
    expectTypeOf(client.operations.start.mutate).returns.resolves.toEqualTypeOf<StartResult>();
    expectTypeOf(client.operations.preview.query).returns.resolves.toEqualTypeOf<PreviewResult>();
    // @ts-expect-error — operation ids are the catalogue's, checked at compile time too
    void (() => client.operations.start.mutate({ tenant: "x", operation: "tenant.delete" }));
  });

  it("batches calls over HTTP and revives dates (superjson)", async () => {
    const [tenants, runs] = await Promise.all([client.tenants.list.query(), client.operations.list.query({ tenant: world.tenants.ready.tenant.slug })]);
    expect(tenants.items.map((tenant) => tenant.slug)).toContain(world.tenants.ready.tenant.slug);
    expect(tenants.items[0]?.lastActivityAt).toBeInstanceOf(Date);
    expect(runs.items[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("starts through the gate with the token's user as initiator", async () => {
    const result = await client.operations.start.mutate({ tenant: world.tenants.ready.tenant.slug, operation: "directory.sync" });
    expect(result.outcome).toBe("accepted");
    if (result.outcome !== "accepted") return;
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: result.run.id } })).initiatorUserId).toBe(world.users.owner.id);
  });

  it("exposes the API's error code and field messages", async () => {
    const notFound = await client.operations.detail.query({ runId: randomUUID() }).catch((error: unknown) => error);
    expect(isAdminClientError(notFound)).toBe(true);
    expect(apiErrorCode(notFound)).toBe("NOT_FOUND");

    const invalid = await client.connections.create
      .mutate({ tenant: world.tenants.ready.tenant.slug, displayName: "x", clientId: "nope" })
      .catch((error: unknown) => error);
    expect(apiErrorCode(invalid)).toBe("BAD_REQUEST");
    if (isAdminClientError(invalid)) expect(Object.keys(invalid.data?.fieldErrors ?? {})).toEqual(["clientId"]);

    const anonymous = createAdminClient({ url: server.url });
    expect(apiErrorCode(await anonymous.auth.me.query().catch((error: unknown) => error))).toBe("UNAUTHORIZED");
    expect(apiErrorCode(new Error("network down"))).toBeNull();
  });
});
