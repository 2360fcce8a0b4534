// The CSV exports over HTTP (issue 17): the runs list and the workspace's activity, with the pages'
// filters, through the same procedures (so the same authorization), read a keyset page at a time
// and streamed; safe to open in a spreadsheet (no cell runs as a formula).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessions } from "@tenantpilot/auth";
import { csvCell, csvLine } from "@tenantpilot/api";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { sessionCookie } from "./support/raw-trpc";
import { seedWorld, type World } from "./support/world";

const prisma = testPrisma(10);
let server: RunningServer;
let world: World;
let cookie: string;

beforeAll(async () => {
  server = await startAdminServer(prisma);
  world = await seedWorld(prisma);
  const { setCookie } = await createSessions(prisma).createSession(world.users.owner.id);
  cookie = sessionCookie(new Headers([["set-cookie", setCookie]]))!.pair;
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

/** RFC 4180 rows of a response (quoted cells, CRLF), after its UTF-8 byte-order mark. */
async function parseCsv(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const body = new TextDecoder("utf-8").decode(bytes.slice(3));
  const rows: string[][] = [];
  const pattern = /"((?:[^"]|"")*)"(,|\r\n)/g;
  let row: string[] = [];
  for (const match of body.matchAll(pattern)) {
    row.push(match[1]!.replace(/""/g, '"'));
    if (match[2] === "\r\n") {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

const get = (path: string, headers: Record<string, string> = { cookie }) => fetch(`${server.url}${path}`, { headers });

describe("CSV cells", () => {
  it("quotes every cell, doubles quotes, and keeps formulas text", () => {
    expect(csvLine(["plain", 'say "hi"', 42, null, new Date("2026-12-01T10:00:00Z")])).toBe('"plain","say ""hi""","42","","2026-12-01T10:00:00.000Z"\r\n');
    for (const formula of ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      expect(csvCell(formula).startsWith(`"'`)).toBe(true);
    }
    // A number is a number, not a formula.
    expect(csvCell(-5)).toBe('"-5"');
  });
});

describe("GET /export/operations.csv", () => {
  it("streams every run of the filtered list, page by page, with names instead of ids", async () => {
    const { tenant } = world.tenants.ready;
    await prisma.tenant.update({ where: { id: tenant.id }, data: { displayName: '=HYPERLINK("http://evil.example","Contoso")' } });
    const base = new Date("2026-11-01T00:00:00Z").getTime();
    await prisma.operationRun.createMany({
      data: Array.from({ length: 230 }, (_, index) => ({
        tenantId: tenant.id,
        operation: "inventory.sync",
        targetKind: "tenant",
        targetId: tenant.id,
        scopeKey: "policies",
        status: index % 2 === 0 ? "succeeded" : "failed",
        reasonCode: index % 2 === 0 ? null : "provider_throttled",
        initiatorKind: "user",
        initiatorUserId: world.users.operator.id,
        createdAt: new Date(base + index * 60_000),
        startedAt: new Date(base + index * 60_000 + 1_000),
        finishedAt: new Date(base + index * 60_000 + 31_000),
        connectionSnapshot: { id: world.tenants.ready.connection!.id, displayName: "Contoso Graph app", clientId: randomUUID(), identityVersion: 1 },
      })),
    });

    const response = await get(routes.operationsCsv({ tenant: tenant.slug, from: "2026-11-01", to: "2026-11-01" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="operations.csv"');
    const rows = await parseCsv(response);
    expect(rows[0]).toEqual(["Queued", "Operation", "Tenant", "Status", "Reason", "Duration (s)", "Started by", "Connection", "Items seen", "Items changed", "Items failed", "Run"]);
    // 230 runs on that day: three pages of the list underneath, each once.
    expect(rows).toHaveLength(231);
    expect(new Set(rows.slice(1).map((row) => row[11])).size).toBe(230);
    expect(rows[1]).toEqual([
      new Date(base + 229 * 60_000).toISOString(),
      "Sync inventory",
      `'=HYPERLINK("http://evil.example","Contoso")`,
      "Failed",
      "provider_throttled",
      "30",
      world.users.operator.displayName,
      "Contoso Graph app",
      "0",
      "0",
      "0",
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    ]);

    const failed = await parseCsv(await get(routes.operationsCsv({ tenant: tenant.slug, status: "failed", from: "2026-11-01", to: "2026-11-01" })));
    expect(failed).toHaveLength(116);
    expect(failed.slice(1).every((row) => row[3] === "Failed")).toBe(true);
  });

  it("exports the page's \"active\" filter as queued and running runs", async () => {
    const { tenant } = world.tenants.ready;
    const day = new Date("2026-10-15T08:00:00Z").getTime();
    const statuses = ["queued", "running", "succeeded", "cancelled"] as const;
    await prisma.operationRun.createMany({
      data: statuses.map((status, index) => ({
        tenantId: tenant.id,
        // Different scopes: at most one run per scope may be queued or running.
        operation: index === 0 ? "inventory.sync" : "directory.sync",
        targetKind: "tenant",
        targetId: tenant.id,
        scopeKey: index === 0 ? "policies" : "directory",
        status,
        initiatorKind: "system",
        createdAt: new Date(day + index * 60_000),
        startedAt: status === "queued" ? null : new Date(day + index * 60_000 + 1_000),
        finishedAt: status === "queued" || status === "running" ? null : new Date(day + index * 60_000 + 2_000),
      })),
    });
    const rows = await parseCsv(await get(routes.operationsCsv({ tenant: tenant.slug, status: "active", from: "2026-10-15", to: "2026-10-15" })));
    expect(rows.slice(1).map((row) => row[3]).sort()).toEqual(["Queued", "Running"]);
  });

  it("refuses like the API: anonymous 401, a foreign tenant 404, a bad filter 400 naming it", async () => {
    expect((await get(routes.operationsCsv(), {})).status).toBe(401);
    const foreign = await get(routes.operationsCsv({ tenant: world.tenants.foreign.tenant.slug }));
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain("No such tenant.");
    const bad = await get(`${routes.operationsCsv()}?status=exploded`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("status.0");
    const badDate = await get(routes.operationsCsv({ from: "yesterday" }));
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain("from");
    // A real day in the ISO calendar that PostgreSQL cannot store.
    const yearZero = await get(routes.operationsCsv({ from: "0000-01-01" }));
    expect(yearZero.status).toBe(400);
    expect(await yearZero.text()).toContain("from: must be a date between the years 1 and 9999");
    // A query string that is not valid percent-encoding is refused as such, not searched for.
    const malformed = await get(`${routes.operationsCsv()}?tenant=%ZZ`);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("malformed percent-encoding");
  });
});

describe("GET /export/activity.csv", () => {
  it("exports the workspace's activity with subjects named; another workspace is not found", async () => {
    const disabled = await fetch(`${server.url}/api/trpc/connections.disable`, {
      method: "POST",
      headers: { cookie, origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ json: { connectionId: world.tenants.consentMissing.connection!.id } }),
    });
    expect(disabled.status).toBe(200);
    const response = await get(routes.activityCsv({ workspace: world.workspaces.home.slug, action: "connection.disabled" }));
    expect(response.status).toBe(200);
    const rows = await parseCsv(response);
    expect(rows[0]).toEqual(["Time", "Action", "Subject", "Tenant", "Actor", "Operation", "Details"]);
    expect(rows.slice(1)).toEqual([
      [expect.any(String), "Connection disabled", world.tenants.consentMissing.connection!.displayName, world.tenants.consentMissing.tenant.displayName, world.users.owner.displayName, "", ""],
    ]);
    expect((await get(routes.activityCsv({ workspace: world.workspaces.other.slug }))).status).toBe(404);
  });
});
