// The provider connections page as a keyset list (ADR 035), in a real browser: with 60 more tenants
// (each with a connection) in the owner's workspace, the page shows 50 tenants and a pager; the next
// page continues without repeating a row and links back to the first; the search box finds a tenant
// by name and a connection by its own name, and "Clear" leads back; a forged page link lands on the
// first page instead of an error.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, seededDatabaseForThisFile, startAdmin } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const owner = demoLogins.find((login) => login.role === "owner")!;

let admin: RunningAdmin;
let browser: Browser;
let page: Page;
let watched: { problems: string[] };
let visible = 0;

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  const prisma = admin.prisma;
  const contoso = await prisma.tenant.findUniqueOrThrow({
    where: { slug: "contoso" },
  });
  // This file's own copy of the database: 60 tenants "Zz paging 01…60" sort after every demo tenant.
  await prisma.$executeRaw`
    WITH t AS (
      INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
      SELECT ${contoso.workspaceId}::uuid, 'zz-paging-' || i, 'Zz paging ' || lpad(i::text, 2, '0'), gen_random_uuid(), 'active'
        FROM generate_series(1, 60) AS i RETURNING id)
    INSERT INTO provider_connections (tenant_id, display_name, client_id, is_primary)
    SELECT id, 'Paging Graph app', gen_random_uuid(), true FROM t`;
  const user = await prisma.user.findUniqueOrThrow({
    where: { email: owner.email },
  });
  visible = await prisma.tenant.count({
    where: {
      workspace: { memberships: { some: { userId: user.id } } },
      connections: { some: {} },
    },
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watched = watchPage(page);
  await logIn(page, admin.url, owner.email, owner.password, routes.connections());
});

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
});

const listedConnections = () => page.locator("tr[data-connection]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-connection")));
/** The tenants the rows name (the tenant column's link to the tenant's own page). */
const listedTenants = async () => {
  const hrefs = await page.locator("tr[data-connection] a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return new Set(hrefs.filter((href) => /^\/admin\/t\/[^/?#]+$/.test(href)));
};

describe("the provider connections list in the browser", () => {
  it("pages 50 tenants at a time: the next page repeats nothing, and the first page is a link away", async () => {
    await page.getByRole("heading", { level: 1, name: "Provider connections" }).waitFor();
    expect(visible).toBeGreaterThan(60);
    const first = await listedConnections();
    expect((await listedTenants()).size).toBe(50);
    await screenshot(page, "connections-first-page");

    await page.getByRole("link", { name: "Next page →" }).click();
    await page.waitForURL((url) => url.searchParams.has("cursor"));
    // The second page is rendered once it offers the way back.
    await page.getByRole("link", { name: "← First page" }).waitFor();
    const second = await listedConnections();
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect((await listedTenants()).size).toBe(visible - 50);
    await expect(page.getByRole("link", { name: "Next page →" }).count()).resolves.toBe(0);

    await page.getByRole("link", { name: "← First page" }).click();
    await page.waitForURL((url) => !url.searchParams.has("cursor"));
    await page.getByRole("link", { name: "← First page" }).waitFor({ state: "detached" });
    expect(await listedConnections()).toEqual(first);
  });

  it("searches tenant names and connection names, and Clear leads back to the whole list", async () => {
    await page.goto(`${admin.url}${routes.connections()}`);
    const search = page.getByRole("searchbox", { name: "Search connections" });
    await search.fill("ZZ PAGING 07");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "ZZ PAGING 07");
    // Rendered once the navigation settles: poll the rows rather than race the render.
    await expect.poll(async () => [...(await listedTenants())], { timeout: 10_000 }).toEqual([routes.tenant("zz-paging-7")]);

    await search.fill("paging graph");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "paging graph");
    // Every seeded tenant matches by its connection's name: 50 on this page, a pager to the rest.
    await expect.poll(async () => (await listedTenants()).size, { timeout: 10_000 }).toBe(50);
    await expect(page.getByRole("link", { name: "Next page →" }).count()).resolves.toBe(1);

    await page.getByRole("link", { name: "Clear" }).click();
    await page.waitForURL((url) => !url.searchParams.has("q"));
    await page.getByRole("link", { name: "Clear" }).waitFor({ state: "detached" });
    expect((await listedTenants()).size).toBe(50);
  });

  it("a forged page link lands on the first page, not an error", async () => {
    await page.goto(`${admin.url}${routes.connections({ cursor: "forged" })}`);
    await page.waitForURL((url) => !url.searchParams.has("cursor"));
    await page.getByRole("heading", { level: 1, name: "Provider connections" }).waitFor();
    expect((await listedTenants()).size).toBe(50);
    expect(watched.problems).toEqual([]);
  });
});
