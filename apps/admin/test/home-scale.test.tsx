// The workspace home at MSP scale, through its own loader and markup: with 10,000 tenants seeded by
// SQL, the loader runs the same statements as with 10 (the API calls it makes are counted on the
// database client), and the rendered page — markup plus the loader data it embeds for hydration —
// stays under 150 KB.
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { RouteObject } from "react-router-dom";
import { afterAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { createPrismaClient, type PrismaClient } from "@tenantpilot/db";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { callerAs, testEnvironment } from "../../../tests/api/support/api-caller";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import WorkspaceHome, { loader } from "../app/routes/admin._index";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const HTML_LIMIT = 150 * 1024;

const noSession: AppLoadContext["session"] = {
  login: () => Promise.reject(new Error("not in this test")),
  logout: () => Promise.reject(new Error("not in this test")),
  logoutEverywhere: () => Promise.reject(new Error("not in this test")),
};

/** A workspace of `size` ready tenants, every one in a tag, an owner, and their admin context on `db`. */
async function workspaceOf(db: PrismaClient, size: number) {
  const { workspaceId } = await seedReadyTenants(prisma, size);
  const owner = await seedUser(prisma, { name: "Owner" });
  await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
  for (const name of ["EU", "Gold support", "Patch window"]) {
    const tag = await prisma.tag.create({ data: { workspaceId, name } });
    await prisma.$executeRaw`INSERT INTO tenant_tags (tag_id, tenant_id, workspace_id) SELECT ${tag.id}::uuid, id, workspace_id FROM tenants WHERE workspace_id = ${workspaceId}::uuid`;
  }
  const api = callerAs(testEnvironment(db), owner);
  const context: AppLoadContext = { api, viewer: await api.auth.me(), session: noSession, sandboxEntra: null, cspNonce: "test" };
  return { context };
}

/** The home as a document request renders it: its loader, then its markup with the data embedded. */
async function renderHome(context: AppLoadContext) {
  const routes: RouteObject[] = [
    { id: "home", path: "/admin", loader: ({ request, params }) => loader({ request, params, context }), Component: WorkspaceHome },
  ];
  const handler = createStaticHandler(routes);
  const state = await handler.query(new Request("http://admin.test/admin"), { requestContext: context });
  if (state instanceof Response) throw new Error(`the home answered ${state.status}`);
  if (state.errors) throw new Error(`the home failed: ${JSON.stringify(state.errors)}`);
  const html = renderToString(<StaticRouterProvider router={createStaticRouter(routes, state)} context={state} />);
  return { html, data: state.loaderData.home as Awaited<ReturnType<typeof loader>> };
}

describe("the workspace home at scale", () => {
  // Seeding 10,000 tenants takes seconds on a shared 2-core machine: a longer limit than the suite's 30 s.
  it("runs the same statements for 10 tenants as for 10,000, and its page stays under 150 KB", { timeout: 120_000 }, async () => {
    const statements: string[] = [];
    const counted = createPrismaClient(testDatabaseUrl(), { maxConnections: 4, onStatement: (sql) => statements.push(sql) });
    try {
      const measure = async (size: number) => {
        const { context } = await workspaceOf(counted, size);
        statements.length = 0;
        const { html, data } = await renderHome(context);
        return { statements: statements.length, bytes: Buffer.byteLength(html), rows: data.home?.rows.length ?? 0, total: data.home?.summary.tenants.total };
      };
      const small = await measure(10);
      const large = await measure(10_000);
      expect(small).toMatchObject({ rows: 10, total: 10 });
      expect(large).toMatchObject({ rows: 50, total: 10_000 });
      expect(small.statements).toBeGreaterThan(3);
      expect(large.statements).toBe(small.statements);
      expect(large.bytes).toBeLessThanOrEqual(HTML_LIMIT);
    } finally {
      await counted.$disconnect();
    }
  });
});
