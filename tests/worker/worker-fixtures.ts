// End-to-end fixtures for the worker: real gate admissions in this file's database, tenants that
// exist in a sandbox the test controls, and an in-process worker with fast timings.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { EncryptionKey, sealSecret } from "@tenantpilot/auth";
import type { PrismaClient } from "@tenantpilot/db";
import {
  allNeededPermissions,
  describe as describeWords,
  startOperation,
  type OperationId,
  type OperationTarget,
  type ReasonCode,
} from "@tenantpilot/dispatch-gate";
import { createSandbox, type Sandbox, type SandboxOptions, type SandboxTenant } from "@tenantpilot/provider-graph";
import { createWorker, type CreateWorkerOptions, type TenantPilotWorker, type WorkerLog } from "../../apps/worker/src/index";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";

/** What every operation needs: a connection granted these can run all of them. */
export const allPermissions = [...allNeededPermissions];

const keyBytes = randomBytes(32);
export const encryptionKey = new EncryptionKey(keyBytes, "env");
/** The same key as APP_ENCRYPTION_KEY, for worker processes. */
export const encryptionKeyText = keyBytes.toString("base64");

/** A sandbox listening for this file, strict about unknown calls; tenants are registered per test. */
export function useSandbox(options: SandboxOptions = {}): Sandbox {
  const sandbox = createSandbox({ acceptUnregisteredApps: false, ...options });
  beforeAll(() => sandbox.server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => sandbox.server.close());
  return sandbox;
}

/** Lines the worker logged, for assertions; nothing reaches the console. */
export function memoryLog(): WorkerLog & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, info: (line) => lines.push(line), error: (line) => errors.push(line) };
}

export const fastTiming = {
  heartbeatIntervalMs: 100,
  lostAfterMs: 2_000,
  reaperIntervalMs: 200,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 2_000,
} as const;

/**
 * A worker test file's database client, sandbox and in-process worker, stopped and disconnected
 * after the file's tests.
 */
export function workerTestBed(): { prisma: PrismaClient; sandbox: Sandbox; worker: ReturnType<typeof testWorker> } {
  const prisma = testPrisma(10);
  const sandbox = useSandbox();
  const worker = testWorker(sandbox);
  afterAll(async () => {
    await worker.stop();
    await prisma.$disconnect();
  });
  return { prisma, sandbox, worker };
}

/** An in-process worker on this file's database and the test's sandbox (the Graph client retries fast). */
export function testWorker(sandbox: Sandbox, overrides: Partial<CreateWorkerOptions> = {}): TenantPilotWorker & { log: ReturnType<typeof memoryLog> } {
  const log = memoryLog();
  const worker = createWorker({
    databaseUrl: testDatabaseUrl(),
    concurrency: 2,
    provider: { mode: "sandbox", sandbox, graphRetry: { maxRetries: 1, maxDelayMs: 50, baseDelayMs: 5 } },
    encryptionKey,
    timing: fastTiming,
    crontab: "",
    log,
    pollInterval: 100,
    ...overrides,
  });
  return Object.assign(worker, { log });
}

export interface SeededTenant {
  tenant: { id: string; slug: string; displayName: string; workspaceId: string };
  connection: { id: string; clientId: string; displayName: string };
  user: { id: string };
  sandboxTenant: SandboxTenant;
  secret: string;
}

const short = () => randomUUID().slice(0, 8);

/**
 * An active tenant with a primary connection whose app is registered in the sandbox with a
 * pinned secret (stored sealed), consent and the given permissions, plus an operator.
 */
export async function seedTenant(
  prisma: PrismaClient,
  sandbox: Sandbox,
  options: { permissions?: readonly string[]; displayName?: string; workspaceId?: string } = {},
): Promise<SeededTenant> {
  const permissions = options.permissions ?? allPermissions;
  const microsoftTenantId = randomUUID();
  const clientId = randomUUID();
  const secret = `s3cr3t-${randomBytes(12).toString("hex")}`;
  const workspace = options.workspaceId
    ? { id: options.workspaceId }
    : await prisma.workspace.create({ data: { slug: `ws-${short()}`, name: "Worker tests" } });
  const tenant = await prisma.tenant.create({
    data: {
      workspaceId: workspace.id,
      slug: `t-${short()}`,
      displayName: options.displayName ?? "Contoso Ltd",
      microsoftTenantId,
      status: "active",
    },
  });
  const connection = await prisma.providerConnection.create({
    data: {
      tenantId: tenant.id,
      displayName: "Contoso Graph app",
      clientId,
      clientSecretEncrypted: sealSecret(secret, encryptionKey),
      clientSecretExpiresAt: new Date(Date.now() + 90 * 86_400_000),
      consentState: "granted",
      grantedPermissions: [...permissions],
      isPrimary: true,
    },
  });
  const sandboxTenant = sandbox.tenant(microsoftTenantId, { displayName: tenant.displayName });
  sandboxTenant.registerApp({ clientId, secret, permissions });
  const user = await prisma.user.create({ data: { email: `op-${short()}@example.test`, displayName: "Operator" } });
  return { tenant, connection, user, sandboxTenant, secret };
}

/** Starts an operation as the seeded operator; fails the test unless the gate accepts it. */
export async function accept(prisma: PrismaClient, seeded: SeededTenant, operation: OperationId, target?: OperationTarget): Promise<string> {
  const result = await startOperation(prisma, {
    tenantId: seeded.tenant.id,
    operation,
    ...(target === undefined ? {} : { target }),
    initiator: { kind: "user", userId: seeded.user.id },
    // A restore writes to the tenant and carries its confirmation; the other operations ignore it.
    confirmTenant: seeded.tenant.slug,
  });
  if (result.outcome !== "accepted") throw new Error(`expected ${operation} to be accepted, got ${JSON.stringify(result)}`);
  return result.run.id;
}

/** The run, its notifications, and the sentence the start surface uses for its reason. */
export async function ending(prisma: PrismaClient, seeded: SeededTenant, runId: string, extra?: { missingPermissions?: readonly string[] }) {
  const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
  const notifications = await prisma.notification.findMany({ where: { runId } });
  const sentence =
    run.reasonCode === null
      ? null
      : describeWords({ reason: run.reasonCode as ReasonCode, context: { tenantSlug: seeded.tenant.slug, connectionId: seeded.connection.id, runId }, detail: extra ?? {} }).message;
  return { run, notifications, sentence };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function runStatus(prisma: PrismaClient, runId: string): Promise<string> {
  return (await prisma.operationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
}
