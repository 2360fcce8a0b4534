// Repeated statements are prepared once per connection (ADR 023): adapter-pg sends each
// parameterized statement under a name derived from its text, so PostgreSQL keeps it parsed
// (pg_prepared_statements); statements without parameters stay on the simple protocol; and the
// number of names is bounded.
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../src";
import { statementNames } from "../src/statement-names";
import { testDatabaseUrl } from "@tenantpilot/test-support";

// One connection, so that every statement and pg_prepared_statements see the same session.
const seen: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 1, onStatement: (sql) => seen.push(sql) });
afterAll(() => prisma.$disconnect());

const query = (sql: string, args: unknown[]) => ({ sql, args, argTypes: [] }) as unknown as Parameters<ReturnType<typeof statementNames>>[0];

describe("statementNames", () => {
  it("gives one text one name, leaves parameterless statements unnamed, and stops naming at its limit", () => {
    const name = statementNames(2);
    const first = name(query("SELECT $1::int", [1]));
    expect(first).not.toBe("");
    expect(name(query("SELECT $1::int", [2]))).toBe(first);
    expect(name(query("VACUUM ANALYZE t", []))).toBe("");
    const second = name(query("SELECT $1::text", ["a"]));
    expect(second).not.toBe(first);
    expect(name(query("SELECT $1::uuid", ["…"]))).toBe("");
    expect(name(query("SELECT $1::int", [3]))).toBe(first);
  });
});

describe("a client of createPrismaClient", () => {
  it("prepares a repeated parameterized statement once on its connection and reuses it", async () => {
    const prepared = () =>
      prisma.$queryRawUnsafe<{ name: string; statement: string; calls: bigint }[]>(
        "SELECT name, statement, generic_plans + custom_plans AS calls FROM pg_prepared_statements ORDER BY name",
      );
    expect(await prepared()).toEqual([]);

    for (let i = 0; i < 3; i++) expect(await prisma.$queryRaw<{ n: number }[]>`SELECT ${i}::int + 1 AS n`).toEqual([{ n: i + 1 }]);
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.statement).toContain("+ 1 AS n");
    expect(Number(statements[0]!.calls)).toBe(3);
    // Every statement passed through the client's one observer, the inspection included.
    expect(seen.filter((sql) => sql.includes("+ 1 AS n"))).toHaveLength(3);
  });
});
