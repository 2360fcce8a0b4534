// The workspace's outbound webhook (issue 17, ADR 026), against a real HTTP receiver listening in
// this test (no msw here: the request leaves the worker over TCP): every notification is one
// delivery, signed per the Standard Webhooks scheme (the receiver verifies it), retried with a
// doubling pause while the receiver fails, and recorded in the delivery log the API reads. Where a
// delivery may connect is the worker's address policy: no redirects, no loopback or private
// addresses unless allowed, never link-local.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { verifyWebhook } from "@tenantpilot/auth";
import { finishRun, startOperation, startRun } from "@tenantpilot/dispatch-gate";
import { createWorker, refusedAddress, type TenantPilotWorker, type WebhookOptions } from "../../apps/worker/src/index";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../api/support/api-caller";
import { seedWorld, type World } from "../api/support/world";
import { memoryLog } from "./worker-fixtures";

const prisma = testPrisma(10);
const env = testEnvironment(prisma);
const workers: TenantPilotWorker[] = [];
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await prisma.$disconnect();
});

interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real receiver: answers each request with the next status of the script (the last one repeats). */
async function receiver(script: (number | { status: number; location: string })[]) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ at: Date.now(), headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = script[Math.min(received.length - 1, script.length - 1)]!;
      if (typeof answer === "number") response.writeHead(answer).end("ok");
      else response.writeHead(answer.status, { location: answer.location }).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tenantpilot?team=msp`, received };
}

function worker(webhooks: Partial<WebhookOptions>) {
  const created = createWorker({
    databaseUrl: testDatabaseUrl(),
    concurrency: 1,
    // No Microsoft call happens in this file; "microsoft" mode keeps msw out of the process.
    provider: { mode: "microsoft" },
    encryptionKey: env.encryptionKey(),
    crontab: "",
    log: memoryLog(),
    webhooks: { retryBaseDelayMs: 50, timeoutMs: 2_000, ...webhooks },
  });
  workers.push(created);
  return created;
}

/** A user's run that ended (failed): its terminal notification is the event a webhook delivers. */
async function finishedRun(world: World) {
  const started = await startOperation(prisma, {
    tenantId: world.tenants.ready.tenant.id,
    operation: "directory.sync",
    initiator: { kind: "user", userId: world.users.operator.id },
  });
  if (started.outcome !== "accepted") throw new Error(`expected accepted, got ${started.outcome}`);
  await startRun(prisma, started.run.id, { workerId: "test" });
  await finishRun(prisma, started.run.id, { status: "failed", reason: "provider_unavailable" });
  return started.run.id;
}

const deliveriesOf = (workspaceId: string) => prisma.webhookDelivery.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });

/** Runs the queue until the workspace's deliveries are no longer pending (retries are due after short pauses). */
async function drain(runner: TenantPilotWorker, workspaceId: string) {
  for (let round = 0; round < 100; round++) {
    await runner.runOnce();
    const pending = await prisma.webhookDelivery.count({ where: { workspaceId, status: "pending" } });
    if (pending === 0) return;
    await sleep(25);
  }
  throw new Error("deliveries still pending");
}

describe("outbound webhook", () => {
  it("signs each delivery, retries a failing receiver with a doubling pause, and records every attempt", async () => {
    const world = await seedWorld(prisma);
    const hook = await receiver([500, 503, 200]);
    const owner = callerAs(env, world.users.owner);
    const configured = await owner.webhooks.configure({ workspace: world.workspaces.home.slug, url: hook.url });
    expect(configured.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const secret = configured.secret!;

    const runId = await finishedRun(world);
    const [queued] = await deliveriesOf(world.workspaces.home.id);
    expect(queued).toMatchObject({ eventKey: `run.terminal:${runId}`, status: "pending", attempts: 0 });

    await drain(worker({ allowPrivateNetworks: true }), world.workspaces.home.id);

    expect(hook.received).toHaveLength(3);
    const ids = new Set(hook.received.map((request) => request.headers["webhook-id"]));
    expect(ids).toEqual(new Set([queued!.id]));
    for (const request of hook.received) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(
        verifyWebhook({
          secret,
          id: String(request.headers["webhook-id"]),
          timestamp: String(request.headers["webhook-timestamp"]),
          signature: String(request.headers["webhook-signature"]),
          body: request.body,
        }),
      ).toBe(true);
      // A receiver with another secret, or a body changed on the way, does not verify.
      const headers = { id: String(request.headers["webhook-id"]), timestamp: String(request.headers["webhook-timestamp"]), signature: String(request.headers["webhook-signature"]) };
      expect(verifyWebhook({ secret: "whsec_" + Buffer.alloc(32, 7).toString("base64"), ...headers, body: request.body })).toBe(false);
      expect(verifyWebhook({ secret, ...headers, body: request.body.replace("failed", "succeeded") })).toBe(false);
    }
    const body = JSON.parse(hook.received[2]!.body) as { type: string; data: Record<string, unknown> };
    expect(body).toMatchObject({
      type: "notification.created",
      data: {
        deliveryId: queued!.id,
        kind: "run.terminal",
        title: "Sync directory: Failed",
        workspace: { id: world.workspaces.home.id, slug: world.workspaces.home.slug },
        tenant: { id: world.tenants.ready.tenant.id, slug: world.tenants.ready.tenant.slug },
        run: { id: runId, operation: "directory.sync", status: "failed", reasonCode: "provider_unavailable" },
        links: { run: `/admin/operations/${runId}`, tenant: `/admin/t/${world.tenants.ready.tenant.slug}` },
      },
    });
    // Backoff: 50 ms after the first failure, 100 ms after the second.
    expect(hook.received[1]!.at - hook.received[0]!.at).toBeGreaterThanOrEqual(50);
    expect(hook.received[2]!.at - hook.received[1]!.at).toBeGreaterThanOrEqual(100);

    const [delivered] = await deliveriesOf(world.workspaces.home.id);
    expect(delivered).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    // The delivery log through the API: the secret never again.
    const detail = await owner.webhooks.detail({ workspace: world.workspaces.home.slug });
    expect(JSON.stringify(detail)).not.toContain(secret.slice(6, 20));
    expect(detail.webhook).toMatchObject({ url: hook.url, enabled: true, createdBy: { id: world.users.owner.id } });
    expect(detail.signing.headers).toEqual({ id: "webhook-id", timestamp: "webhook-timestamp", signature: "webhook-signature" });
    expect(detail.deliveries.items).toEqual([
      expect.objectContaining({ id: queued!.id, status: "delivered", statusWords: "Delivered", attempts: 3, lastStatusCode: 200, event: { key: `run.terminal:${runId}`, kind: "run.terminal", title: "Sync directory: Failed" } }),
    ]);
  });

  it("gives up after its last attempt, recording the last answer", async () => {
    const world = await seedWorld(prisma);
    const hook = await receiver([500]);
    await callerAs(env, world.users.owner).webhooks.configure({ workspace: world.workspaces.home.slug, url: hook.url });
    await finishedRun(world);
    await prisma.webhookDelivery.updateMany({ where: { workspaceId: world.workspaces.home.id }, data: { maxAttempts: 3 } });

    await drain(worker({ allowPrivateNetworks: true }), world.workspaces.home.id);
    expect(hook.received).toHaveLength(3);
    expect(await deliveriesOf(world.workspaces.home.id)).toEqual([
      expect.objectContaining({ status: "failed", attempts: 3, lastStatusCode: 500, lastError: "answered 500", nextAttemptAt: null, deliveredAt: null }),
    ]);
  });

  it("never follows a redirect, and reaches loopback only when the installation allows private networks", async () => {
    const world = await seedWorld(prisma);
    const target = await receiver([200]);
    const bouncer = await receiver([{ status: 302, location: target.url }]);
    await callerAs(env, world.users.owner).webhooks.configure({ workspace: world.workspaces.home.slug, url: bouncer.url });
    await finishedRun(world);
    await prisma.webhookDelivery.updateMany({ where: { workspaceId: world.workspaces.home.id }, data: { maxAttempts: 1 } });
    await drain(worker({ allowPrivateNetworks: true }), world.workspaces.home.id);
    expect(bouncer.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
    expect((await deliveriesOf(world.workspaces.home.id))[0]).toMatchObject({ status: "failed", lastStatusCode: 302, lastError: "redirect not followed" });

    const other = await seedWorld(prisma);
    const local = await receiver([200]);
    await callerAs(env, other.users.owner).webhooks.configure({ workspace: other.workspaces.home.slug, url: local.url.replace("127.0.0.1", "localhost") });
    await finishedRun(other);
    await prisma.webhookDelivery.updateMany({ where: { workspaceId: other.workspaces.home.id }, data: { maxAttempts: 1 } });
    await drain(worker({ allowPrivateNetworks: false }), other.workspaces.home.id);
    expect(local.received).toHaveLength(0);
    expect((await deliveriesOf(other.workspaces.home.id))[0]).toMatchObject({
      status: "failed",
      lastStatusCode: null,
      lastError: expect.stringMatching(/loopback or private address/),
    });
  });

  it("the address policy: link-local (cloud metadata) never, loopback and private only when allowed, public always", () => {
    const allowPrivate = { allowPrivateNetworks: true };
    const publicOnly = { allowPrivateNetworks: false };
    for (const address of ["169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "fd00:ec2::254"]) {
      expect(refusedAddress(address, allowPrivate), address).not.toBeNull();
    }
    for (const address of ["127.0.0.1", "::1", "10.1.2.3", "172.20.0.5", "192.168.1.10", "::ffff:127.0.0.1", "fd12:3456::1", "100.64.0.1"]) {
      expect(refusedAddress(address, publicOnly), address).not.toBeNull();
      expect(refusedAddress(address, allowPrivate), address).toBeNull();
    }
    for (const address of ["8.8.8.8", "2606:4700::1111", "::ffff:1.1.1.1"]) expect(refusedAddress(address, publicOnly), address).toBeNull();
  });

  it("one delivery per event: a warning told to several owners is sent once; a removed webhook's pending deliveries are cancelled", async () => {
    const world = await seedWorld(prisma);
    const hook = await receiver([200]);
    const owner = callerAs(env, world.users.owner);
    await owner.webhooks.configure({ workspace: world.workspaces.home.slug, url: hook.url });
    const warning = await prisma.secretExpiryWarning.create({
      data: { connectionId: world.tenants.ready.connection!.id, identityVersion: 1, thresholdDays: 7, secretExpiresAt: new Date(Date.now() + 5 * 86_400_000) },
    });
    await prisma.notification.createMany({
      data: [world.users.owner.id, world.users.manager.id].map((userId) => ({
        userId,
        workspaceId: world.workspaces.home.id,
        tenantId: world.tenants.ready.tenant.id,
        kind: "secret.expiring",
        secretWarningId: warning.id,
        title: "Client secret expires within 7 days",
        body: "…",
      })),
    });
    expect(await deliveriesOf(world.workspaces.home.id)).toEqual([expect.objectContaining({ eventKey: `secret.expiring:${warning.id}`, status: "pending" })]);

    expect(await owner.webhooks.remove({ workspace: world.workspaces.home.slug })).toEqual({ removed: true });
    expect(await deliveriesOf(world.workspaces.home.id)).toEqual([expect.objectContaining({ status: "cancelled" })]);
    await drain(worker({ allowPrivateNetworks: true }), world.workspaces.home.id);
    expect(hook.received).toHaveLength(0);
    // No webhook: notifications make no deliveries at all.
    await finishedRun(world);
    expect(await prisma.webhookDelivery.count({ where: { workspaceId: world.workspaces.home.id } })).toBe(1);
  });

  it("only an owner configures it; URLs with other schemes, credentials or a fragment are refused; the secret is shown once and rotates", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const workspace = world.workspaces.home.slug;
    for (const url of ["ftp://hooks.example.com/x", "https://user:pass@hooks.example.com/x", "https://hooks.example.com/x#frag", "javascript:alert(1)", "hooks.example.com/x", "file:///etc/passwd"]) {
      const refused = await rejection(owner.webhooks.configure({ workspace, url }));
      expect(refused.code, url).toBe("BAD_REQUEST");
      // The field is named (server-side callers see zod's issue; HTTP clients get fieldErrors.url).
      expect(refused.message, url).toMatch(/"url"/);
    }
    expect((await rejection(callerAs(env, world.users.manager).webhooks.configure({ workspace, url: "https://hooks.example.com/x" }))).code).toBe("FORBIDDEN");
    expect((await rejection(callerAs(env, world.users.manager).webhooks.detail({ workspace }))).code).toBe("FORBIDDEN");

    const first = await owner.webhooks.configure({ workspace, url: "https://HOOKS.example.com/tenantpilot" });
    expect(first.secret).not.toBeNull();
    const changed = await owner.webhooks.configure({ workspace, url: "https://hooks.example.com/other", enabled: false });
    expect(changed.secret).toBeNull();
    expect((await owner.webhooks.detail({ workspace })).webhook).toMatchObject({ url: "https://hooks.example.com/other", enabled: false });
    const rotated = await owner.webhooks.rotateSecret({ workspace });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(first.secret);
    const stored = await prisma.workspaceWebhook.findUniqueOrThrow({ where: { workspaceId: world.workspaces.home.id } });
    expect(stored.secretEncrypted).not.toContain(rotated.secret.slice(6));
    const audit = await prisma.auditLogEntry.findMany({ where: { workspaceId: world.workspaces.home.id, targetKind: "webhook" }, select: { action: true, details: true } });
    expect(audit.map((entry) => entry.action).sort()).toEqual(["webhook.configured", "webhook.configured", "webhook.secret_rotated"]);
    expect(JSON.stringify(audit)).not.toContain("whsec_");
  });
});
