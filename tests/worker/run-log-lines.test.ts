// The worker process's structured log: one JSON line per run transition carrying the run id,
// tenant id, operation, attempt and outcome — and nowhere the connection's client secret (nor its
// sealed form).
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { sealSecret } from "@tenantpilot/auth";
import { startOperation } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { allPermissions, encryptionKey, waitFor } from "./worker-fixtures";
import { spawnWorker, type WorkerProcess } from "./worker-process";

const prisma = testPrisma(4);
let worker: WorkerProcess | undefined;
afterAll(async () => {
  await worker?.kill("SIGTERM");
  await prisma.$disconnect();
});

describe("the worker's log lines of a run", () => {
  it("carry run id, tenant id, operation, attempt and outcome as fields, and never the secret", { timeout: 60_000 }, async () => {
    const secret = `log-secret-${randomBytes(16).toString("hex")}`;
    const sealed = sealSecret(secret, encryptionKey);
    const workspace = await prisma.workspace.create({ data: { slug: `log-${randomUUID().slice(0, 8)}`, name: "Log MSP" } });
    const tenant = await prisma.tenant.create({
      data: { workspaceId: workspace.id, slug: `log-${randomUUID().slice(0, 8)}`, displayName: "Contoso", microsoftTenantId: randomUUID(), status: "active" },
    });
    await prisma.providerConnection.create({
      data: { tenantId: tenant.id, displayName: "Graph app", clientId: randomUUID(), clientSecretEncrypted: sealed, consentState: "granted", grantedPermissions: allPermissions, isPrimary: true },
    });
    worker = spawnWorker();
    await worker.ready;
    const started = await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    if (started.outcome !== "accepted") throw new Error(`expected accepted, got ${started.outcome}`);
    const runId = started.run.id;

    const runLines = () =>
      worker!
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.event === "run" && line.runId === runId);
    const lines = await waitFor("the run's ending line", async () => {
      const found = runLines();
      return found.some((line) => line.outcome === "succeeded") ? found : null;
    }, 40_000, 100);

    expect(lines.map((line) => line.outcome)).toEqual(["running", "succeeded"]);
    for (const line of lines) {
      expect(line).toMatchObject({ service: "worker", level: 30, runId, tenantId: tenant.id, operation: "inventory.sync", attempt: 1 });
      expect(typeof line.time).toBe("string");
    }
    const output = worker.output();
    expect(output).not.toContain(secret);
    expect(output).not.toContain(sealed);
  });
});
