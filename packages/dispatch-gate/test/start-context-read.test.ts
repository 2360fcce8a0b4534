// The start context read ahead by a caller (ADR 023) stands in for the gate's own read only when it
// was read for exactly this tenant, operation and target; otherwise the gate reads again. Admission
// is always its own statement.
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, Prisma } from "@tenantpilot/db";
import { contextQueryOf, startContextCall, startOperation, type ContextRow, type StartContextRead, type StartInput } from "../src";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { seedConnection, seedTenant } from "./fixtures";

const prisma = testPrisma(4);
const statements: string[] = [];
const gateDb = createPrismaClient(testDatabaseUrl(), { maxConnections: 4, onStatement: (sql) => statements.push(sql) });
afterAll(async () => {
  await gateDb.$disconnect();
  await prisma.$disconnect();
});

const system = { kind: "system" } as const;

/** What a caller would have read ahead for `input`, read here with the gate's own call. */
async function readAhead(input: StartInput): Promise<StartContextRead> {
  const query = contextQueryOf(input);
  const [row] = await prisma.$queryRaw<ContextRow[]>`SELECT * FROM ${startContextCall(Prisma.sql`${input.tenantId}::uuid`, query)}`;
  return { query, row: row! };
}

async function startCounting(input: StartInput, read?: StartContextRead) {
  statements.length = 0;
  const result = await startOperation(gateDb, input, read);
  return { result, sql: [...statements] };
}

describe("a start context read ahead", () => {
  it("is used for the start it was read for: the admission is the only statement", async () => {
    const { tenant } = await seedTenant(prisma);
    const input: StartInput = { tenantId: tenant.id, operation: "inventory.sync", initiator: system };
    const { result, sql } = await startCounting(input, await readAhead(input));
    expect(result.outcome).toBe("accepted");
    expect(sql).toHaveLength(1);
    expect(sql[0]).toContain("admit_operation_run");
  });

  it("is read again when it was read for another target, operation scope or tenant", async () => {
    const { tenant, connection } = await seedTenant(prisma);
    const other = await seedConnection(prisma, tenant.id, { isPrimary: false, displayName: "Second app" });
    const elsewhere = await seedTenant(prisma);
    const check = (connectionId: string): StartInput => ({
      tenantId: tenant.id,
      operation: "connection.check",
      target: { kind: "provider_connection", id: connectionId },
      initiator: system,
    });

    // Read for the primary connection, asked about the second one: the second is what gets checked.
    const forOther = await startCounting(check(other.id), await readAhead(check(connection!.id)));
    expect(forOther.sql.filter((text) => text.includes("operation_start_context"))).toHaveLength(1);
    expect(forOther.result).toMatchObject({ outcome: "accepted", connection: { id: other.id } });

    // Read for a directory sync (scope "directory"), asked for an inventory sync (scope "policies").
    const sync: StartInput = { tenantId: tenant.id, operation: "inventory.sync", initiator: system };
    const forSync = await startCounting(sync, await readAhead({ ...sync, operation: "directory.sync" }));
    expect(forSync.sql.filter((text) => text.includes("operation_start_context"))).toHaveLength(1);
    expect(forSync.result.outcome).toBe("accepted");

    // Read for another tenant: never this tenant's answer.
    const elsewhereRead = await readAhead({ tenantId: elsewhere.tenant.id, operation: "directory.sync", initiator: system });
    const forTenant = await startCounting({ tenantId: tenant.id, operation: "directory.sync", initiator: system }, elsewhereRead);
    expect(forTenant.sql.filter((text) => text.includes("operation_start_context"))).toHaveLength(1);
    expect(forTenant.result.outcome).toBe("accepted");
    expect(await prisma.operationRun.count({ where: { tenantId: elsewhere.tenant.id } })).toBe(0);
  });

  it("a stale read cannot admit twice: the admission still decides", async () => {
    const { tenant } = await seedTenant(prisma);
    const input: StartInput = { tenantId: tenant.id, operation: "backup.capture", initiator: system };
    const stale = await readAhead(input); // read while the scope was free
    const first = await startCounting(input, stale);
    const second = await startCounting(input, stale);
    expect(first.result.outcome).toBe("accepted");
    expect(second.result.outcome).toBe("deduped");
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id, status: "queued" } })).toBe(1);
  });
});
