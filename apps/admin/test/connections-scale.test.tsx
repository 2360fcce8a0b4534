// The provider connections page at MSP scale, through its own loader and markup: with 10,000 tenants
// (each with a connection) seeded by SQL, the loader runs the same statements as with 10 — searched
// or not, on the first page or the next — and renders one page of 50 tenants, not all of them.
import { afterAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { createPrismaClient, type PrismaClient } from "@tenantpilot/db";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { LiveProvider } from "../app/live/live-provider";
import Connections, { loader } from "../app/routes/admin.provider-connections._index";
import { adminContextFor, renderRoute } from "./support/render-route";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

/** The route's markup and embedded data for one page of 50 tenants. */
const PAGE_LIMIT = 300 * 1024;

/** A workspace of `size` tenants with a primary connection each, its owner, and their admin context on `db`. */
async function workspaceOf(db: PrismaClient, size: number) {
  const { workspaceId } = await seedReadyTenants(prisma, size);
  const owner = await seedUser(prisma, { name: "Owner" });
  await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
  return adminContextFor(db, owner);
}

/** The page inside the app's live provider (its check buttons follow their runs), as the root mounts it. */
function LiveConnections() {
  return (
    <LiveProvider>
      <Connections />
    </LiveProvider>
  );
}

/** The page as a document request renders it: its loader, then its markup with the data embedded. */
function renderConnections(context: AppLoadContext, url: string) {
  return renderRoute({ path: routes.connections(), loader, Component: LiveConnections }, context, url);
}

describe("the provider connections page at scale", () => {
  // Seeding 10,000 tenants takes seconds on a shared 2-core machine: a longer limit than the suite's 30 s.
  it("runs the same statements for 10 tenants as for 10,000 — first page, next page, searched — and shows 50 tenants a page", { timeout: 120_000 }, async () => {
    const statements: string[] = [];
    const counted = createPrismaClient(testDatabaseUrl(), { maxConnections: 4, onStatement: (sql) => statements.push(sql) });
    try {
      const render = async (context: AppLoadContext, search: Parameters<typeof routes.connections>[0] = {}) => {
        statements.length = 0;
        const { html, data } = await renderConnections(context, `http://admin.test${routes.connections(search)}`);
        return { statements: statements.length, bytes: Buffer.byteLength(html), rows: data.connections.items.length, next: data.connections.nextCursor };
      };
      const measure = async (size: number) => {
        const context = await workspaceOf(counted, size);
        const first = await render(context);
        // "Tenant 0000…" matches every tenant of the workspace: a search that still fills pages.
        const searched = await render(context, { q: "tenant 0000" });
        const next = first.next === null ? null : await render(context, { cursor: first.next });
        return { first, searched, next };
      };
      const small = await measure(10);
      const large = await measure(10_000);
      expect(small.first).toMatchObject({ rows: 10, next: null });
      expect(large.first.rows).toBe(50);
      expect(large.first.next).not.toBeNull();
      expect(large.next?.rows).toBe(50);
      expect(small.first.statements).toBeGreaterThan(2);
      expect(large.first.statements).toBe(small.first.statements);
      expect(large.searched.statements).toBe(small.searched.statements);
      expect(large.next?.statements).toBe(small.first.statements);
      // One page of 50 rows, not 10,000 (each row carries its per-operation standing: ~4.5 KB;
      // 220 KB measured on 2026-12-02). Every tenant listed would be ~45 MB.
      expect(large.first.bytes).toBeLessThanOrEqual(PAGE_LIMIT);
    } finally {
      await counted.$disconnect();
    }
  });
});
