// The sandbox's admin-consent round trip as `npm start` runs it: the demo tenant without consent
// is blocked; the admin app records the administrator's answer in the installation's consent
// file; the worker's own demo sandbox reads it on the next token request, so a connection check
// through the gate records consent and permissions and the tenant's starts become ready.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reasonCatalog, startOperation, type OperationId, type OperationTarget, type StartResult } from "@tenantpilot/dispatch-gate";
import { demoTenants, fileSandboxConsentStore, sandboxConsentFile } from "@tenantpilot/provider-graph";
import { createWorker, type TenantPilotWorker } from "../../apps/worker/src/index";
import { seedDemo } from "../../prisma/seed";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { allPermissions, encryptionKey, fastTiming, memoryLog } from "./worker-fixtures";

const prisma = testPrisma(10);
const adatum = demoTenants.find((tenant) => tenant.condition === "consent_missing")!;
const previousDataDir = process.env.TENANTPILOT_DATA_DIR;
let dataDir: string;
let worker: TenantPilotWorker;
let tenantId: string;
let connectionId: string;
let operatorId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tenantpilot-data-"));
  // What `npm start` gives both processes: one data directory for the installation.
  process.env.TENANTPILOT_DATA_DIR = dataDir;
  await seedDemo(prisma, encryptionKey);
  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: adatum.slug }, include: { connections: true } });
  tenantId = tenant.id;
  connectionId = tenant.connections[0]!.id;
  operatorId = (await prisma.user.findUniqueOrThrow({ where: { email: "operator@northwind.test" } })).id;
  // No sandbox handed in: the worker starts the demo sandbox itself, reading the default consent file.
  worker = createWorker({
    databaseUrl: testDatabaseUrl(),
    concurrency: 1,
    provider: { mode: "sandbox", graphRetry: { maxRetries: 1, maxDelayMs: 50, baseDelayMs: 5 } },
    encryptionKey,
    timing: fastTiming,
    crontab: "",
    log: memoryLog(),
  });
});

afterAll(async () => {
  await worker?.stop();
  await prisma.$disconnect();
  if (previousDataDir === undefined) delete process.env.TENANTPILOT_DATA_DIR;
  else process.env.TENANTPILOT_DATA_DIR = previousDataDir;
  await rm(dataDir, { recursive: true, force: true });
});

const start = (operation: OperationId, target?: OperationTarget): Promise<StartResult> =>
  startOperation(prisma, { tenantId, operation, ...(target ? { target } : {}), initiator: { kind: "user", userId: operatorId } });

/** Start through the gate, run the job in the worker, return the run as it ended. */
async function runToEnd(operation: OperationId, target?: OperationTarget) {
  const result = await start(operation, target);
  if (result.outcome !== "accepted") throw new Error(`expected ${operation} to be accepted, got ${JSON.stringify(result)}`);
  await worker.runOnce();
  return prisma.operationRun.findUniqueOrThrow({ where: { id: result.run.id } });
}

const checkTarget: () => OperationTarget = () => ({ kind: "provider_connection", id: connectionId });
const connection = () => prisma.providerConnection.findUniqueOrThrow({ where: { id: connectionId } });

describe("adatum: admin consent granted through the sandbox's consent file", () => {
  it("is blocked before consent, and a check fails with the consent reason", async () => {
    const blocked = await start("inventory.sync");
    expect(blocked).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing", message: reasonCatalog.provider_consent_missing.sentence });

    const check = await runToEnd("connection.check", checkTarget());
    expect(check).toMatchObject({ status: "failed", reasonCode: "provider_consent_missing" });
    expect(await connection()).toMatchObject({ consentState: "pending", lastCheckStatus: "failed", lastCheckReason: "provider_consent_missing" });
  });

  it("after the prompt is accepted, the check records consent and permissions and the starts are accepted and succeed", async () => {
    // What the admin app's simulated consent prompt does on Accept (another process in `npm start`).
    const prompt = fileSandboxConsentStore(sandboxConsentFile(dataDir));
    await prompt.grant({ microsoftTenantId: adatum.microsoftTenantId, clientId: adatum.clientId, permissions: allPermissions });
    const file = JSON.parse(await readFile(path.join(dataDir, "sandbox", "consents.json"), "utf8")) as { consents: { consent: string }[] };
    expect(file.consents).toEqual([expect.objectContaining({ consent: "granted" })]);

    const check = await runToEnd("connection.check", checkTarget());
    expect(check).toMatchObject({ status: "succeeded", reasonCode: null });
    const checked = await connection();
    expect(checked).toMatchObject({ consentState: "granted", lastCheckStatus: "ok", lastCheckReason: null });
    expect([...checked.grantedPermissions].sort()).toEqual([...allPermissions].sort());

    const sync = await runToEnd("inventory.sync");
    expect(sync).toMatchObject({ status: "succeeded", reasonCode: null, itemsSeen: 26, itemsFailed: 0 });
    expect(await prisma.inventoryItem.count({ where: { tenantId } })).toBe(26);
  });

  it("a revocation recorded later is seen by the next check, which marks the consent revoked", async () => {
    await fileSandboxConsentStore(sandboxConsentFile(dataDir)).revoke({ microsoftTenantId: adatum.microsoftTenantId, clientId: adatum.clientId });
    const check = await runToEnd("connection.check", checkTarget());
    expect(check).toMatchObject({ status: "failed", reasonCode: "provider_consent_missing" });
    expect(await connection()).toMatchObject({ consentState: "revoked" });
    expect(await start("inventory.sync")).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });
  });
});
