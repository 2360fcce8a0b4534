// Which errors mean "the database cannot be reached right now" (503 + Retry-After, back off and
// retry) — here the shapes a Unix socket's absence takes (ADR 041), and what must not count.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../src";

const socketGone = () => Object.assign(new Error("connect ENOENT /data/postgres/.s.PGSQL.5432"), { code: "ENOENT", syscall: "connect", errno: -2 });

describe("isDatabaseUnavailable", () => {
  it("a server whose Unix socket is gone: node's error, and as Prisma passes it on (code and words, no syscall)", () => {
    expect(isDatabaseUnavailable(socketGone())).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nconnect ENOENT /data/postgres/.s.PGSQL.5432"), { code: "ENOENT" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("start failed", { cause: socketGone() }))).toBe(true);
  });

  it("a missing file is not an unreachable database", async () => {
    const missing: unknown = await readFile("/no/such/file").catch((error: unknown) => error);
    expect((missing as { code?: string }).code).toBe("ENOENT");
    expect(isDatabaseUnavailable(missing)).toBe(false);
  });
});
