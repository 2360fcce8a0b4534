// queryRows (ADR 041): on a process's own client a raw statement goes straight to node-postgres on
// that client's pool, prepared under a name of its own; inside a transaction it stays in the
// transaction; and its rows read as $queryRaw's do for the types the start path reads.
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, Prisma, queryRows } from "../src";
import { testDatabaseUrl } from "@tenantpilot/test-support";

const seen: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 1, onStatement: (sql) => seen.push(sql) });
afterAll(() => prisma.$disconnect());

describe("queryRows", () => {
  it("reads text, uuid, integer, boolean, timestamps, json and text[] as $queryRaw does; a bigint is a string", async () => {
    const sql = Prisma.sql`
      SELECT ${"a"}::text AS t, '6f1c0a9e-2b57-4a4e-9d7b-1f0a8f6c2d11'::uuid AS u, ${41}::int + 1 AS i, true AS b,
             '2026-12-02T10:00:00.123Z'::timestamptz AS ts, '{"k":[1,"x"]}'::jsonb AS j, ARRAY['p','q']::text[] AS a,
             NULL::text AS n`;
    const [direct] = await queryRows<Record<string, unknown>>(prisma, sql);
    const [viaPrisma] = await prisma.$queryRaw<Record<string, unknown>[]>(sql);
    expect(direct).toEqual(viaPrisma);
    expect(direct!.ts).toEqual(new Date("2026-12-02T10:00:00.123Z"));
    const [count] = await queryRows<{ c: unknown }>(prisma, Prisma.sql`SELECT count(*) AS c FROM (VALUES (${1}::int)) v(x)`);
    expect(count!.c).toBe("1");
  });

  it("prepares a repeated statement once on its connection, under a name of its own", async () => {
    for (let i = 0; i < 3; i++) expect(await queryRows(prisma, Prisma.sql`SELECT ${i}::int * 2 AS n`)).toEqual([{ n: i * 2 }]);
    const prepared = await prisma.$queryRawUnsafe<{ name: string; statement: string }[]>("SELECT name, statement FROM pg_prepared_statements");
    expect(prepared.filter((row) => row.statement === "SELECT $1::int * 2 AS n").map((row) => row.name)).toEqual([expect.stringMatching(/^tp_direct_\d+$/)]);
  });

  it("inside a transaction reads and writes within it, not beside it", async () => {
    await prisma.$executeRawUnsafe("CREATE TABLE IF NOT EXISTS query_rows_probe (v int)");
    await expect(
      prisma.$transaction(async (tx) => {
        await queryRows(tx, Prisma.sql`INSERT INTO query_rows_probe (v) VALUES (${7}::int) RETURNING v`);
        expect(await queryRows(tx, Prisma.sql`SELECT count(*)::int AS n FROM query_rows_probe WHERE v = ${7}::int`)).toEqual([{ n: 1 }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await queryRows(prisma, Prisma.sql`SELECT count(*)::int AS n FROM query_rows_probe WHERE v = ${7}::int`)).toEqual([{ n: 0 }]);
  });
});
