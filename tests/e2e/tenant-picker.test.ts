// The tenant picker in the browser, with more than 200 tenants in the workspace (the demo's and 250
// seeded by SQL): the add-connection form finds a tenant past the first 200 by its name (the finder
// is a GET form of its own: nothing of the connection form travels in the URL) and adds the connection
// to it; the runs list's picker finds one the same way and filters the runs to it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { seedReadyTenants } from "../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, seededDatabaseForThisFile, startAdmin } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const owner = demoLogins.find((login) => login.role === "owner")!;

let admin: RunningAdmin;
let browser: Browser;
let page: Page;
let watched: { problems: string[] };
let wanted = { id: "", slug: "", displayName: "" };

beforeAll(async () => {
  admin = await startAdmin(databaseUrl);
  const contoso = await admin.prisma.tenant.findUniqueOrThrow({ where: { slug: "contoso" } });
  // "Tenant 000001" … "Tenant 000250" sort before the demo's names: the 240th is past the first 200.
  const { tenants } = await seedReadyTenants(admin.prisma, 250, { workspaceId: contoso.workspaceId });
  wanted = tenants[239]!;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watched = watchPage(page);
  await logIn(page, admin.url, owner.email, owner.password);
});
afterAll(async () => {
  await browser?.close();
  await admin?.stop();
});

describe("the tenant picker past the first 200 tenants", () => {
  it("finds a tenant for a new connection and adds the connection to it", async () => {
    await page.goto(`${admin.url}${routes.newConnection()}`);
    await expect(page.getByText("Showing the first 200 tenants by name").count()).resolves.toBe(1);
    const picker = page.getByLabel("Tenant", { exact: true });
    await expect(picker.locator(`option[value="${wanted.slug}"]`).count()).resolves.toBe(0);

    await page.getByLabel("Name").fill("Typed before finding");
    await page.getByLabel("Find a tenant").fill(wanted.displayName);
    await Promise.all([page.waitForURL((url) => url.searchParams.get("find") === wanted.displayName), page.getByLabel("Find a tenant").press("Enter")]);
    expect(new URL(page.url()).searchParams.has("displayName")).toBe(false);
    // The URL changes before React commits the new page (a transition): wait for the picker, not the URL.
    await expect.poll(() => picker.inputValue()).toBe(wanted.slug);
    await screenshot(page, "tenant-picker-found");

    await page.getByLabel("Name").fill("Found in the picker");
    await page.getByLabel("Application (client) ID").fill(crypto.randomUUID());
    await Promise.all([page.waitForURL((url) => /^\/admin\/provider-connections\/[0-9a-f-]{36}$/.test(url.pathname)), page.getByRole("button", { name: "Add connection" }).click()]);
    await expect(admin.prisma.providerConnection.count({ where: { tenantId: wanted.id, displayName: "Found in the picker" } })).resolves.toBe(1);
  });

  it("finds a tenant for the runs list's filter and filters the runs to it", async () => {
    await page.goto(`${admin.url}${routes.operations()}`);
    await page.getByLabel("Find a tenant").fill(wanted.displayName);
    await Promise.all([page.waitForURL((url) => url.searchParams.get("find") === wanted.displayName), page.getByRole("button", { name: "Find" }).click()]);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("tenant") === wanted.slug),
      page.getByLabel("Tenant", { exact: true }).selectOption(wanted.slug),
    ]);
    await screenshot(page, "tenant-picker-runs");
    await expect.poll(() => page.getByText(`Runs of ${wanted.displayName}, newest first.`).count()).toBe(1);

    // "Clear" leads back to every tenant's runs, and the picker says so instead of keeping the last choice.
    await Promise.all([page.waitForURL((url) => !url.searchParams.has("tenant")), page.getByRole("link", { name: "Clear" }).click()]);
    await expect.poll(() => page.getByLabel("Tenant", { exact: true }).inputValue()).toBe("");
    // The same without a find in the address: a tenant picked from the first page, then "Clear".
    const first = (await page.getByLabel("Tenant", { exact: true }).locator("option").nth(1).getAttribute("value"))!;
    await Promise.all([page.waitForURL((url) => url.searchParams.get("tenant") === first), page.getByLabel("Tenant", { exact: true }).selectOption(first)]);
    await Promise.all([page.waitForURL((url) => !url.searchParams.has("tenant")), page.getByRole("link", { name: "Clear" }).click()]);
    await expect.poll(() => page.getByLabel("Tenant", { exact: true }).inputValue()).toBe("");
    expect(watched.problems).toEqual([]);
  });
});
