// The home's counts are filters, for the operation the operator chooses: "1 failed last night" and
// "1 with an expired secret" list exactly the tenants they count; choosing "Capture backup" makes the
// readiness chips count (and filter) readiness to capture a backup instead of to sync inventory, and
// choosing the device compliance report counts the tenant that lacks its permission.
// A real browser against the built app and this file's own copy of the demo data.
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

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  // Tailspin's inventory sync failed two hours ago; Contoso's failed two days ago (not "last night").
  for (const [slug, hoursAgo] of [["tailspin", 2], ["contoso", 48]] as const) {
    const tenant = await admin.prisma.tenant.findUniqueOrThrow({ where: { slug } });
    const finishedAt = new Date(Date.now() - hoursAgo * 3_600_000);
    await admin.prisma.operationRun.create({
      data: {
        tenantId: tenant.id,
        operation: "inventory.sync",
        targetKind: "tenant",
        targetId: tenant.id,
        scopeKey: "policies",
        status: "failed",
        initiatorKind: "system",
        reasonCode: "provider_unavailable",
        startedAt: finishedAt,
        finishedAt,
      },
    });
  }
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  watched = watchPage(page);
  await logIn(page, admin.url, owner.email, owner.password);
});

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
});

const rowSlugs = async () => (await page.locator("tbody tr[data-tenant]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-tenant")))).sort();
const chips = (label: string) => page.getByRole("navigation", { name: label });
const attention = () => chips("Needs attention");
/** The number on the readiness chip whose words match, or null while there is no such chip. */
const readyCount = async (words: RegExp) => {
  const chip = attention().getByRole("link", { name: words });
  if ((await chip.count()) === 0) return null;
  return Number(/^(\d+)/.exec((await chip.textContent()) ?? "")?.[1]);
};

describe("the home's counts as filters", () => {
  it("'1 failed last night' lists exactly the tenant that failed, a bulk preview of all matching is that tenant; on, the chip links back", async () => {
    await page.goto(`${admin.url}${routes.home()}`);
    const failed = attention().getByRole("link", { name: "1 failed last night" });
    await failed.click();
    await page.waitForURL((url) => url.searchParams.get("failed") === "24h");
    await expect.poll(rowSlugs).toEqual(["tailspin"]);
    await expect.poll(() => failed.getAttribute("aria-current")).toBe("true");
    await screenshot(page, "home-failed-last-night");
    // A bulk start over "all tenants matching this filter" is over exactly that tenant.
    await page.getByLabel("Operation").selectOption({ label: "Sync inventory" });
    await page.getByLabel("All tenants matching this filter").check();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.locator("#bulk-preview [data-rollup]").textContent()).resolves.toBe("1 will queue");
    await page.getByRole("link", { name: "Cancel" }).click();
    await page.waitForURL((url) => url.searchParams.get("failed") === "24h");
    await failed.click();
    await page.waitForURL((url) => !url.searchParams.has("failed"));
    await expect.poll(async () => (await rowSlugs()).length).toBeGreaterThan(1);
  });

  it("'1 with an expired secret' lists exactly the tenant whose secret expired", async () => {
    await page.goto(`${admin.url}${routes.home()}`);
    await attention().getByRole("link", { name: "1 with an expired secret" }).click();
    await page.waitForURL((url) => url.searchParams.get("secrets") === "expired");
    await expect.poll(rowSlugs).toEqual(["litware"]);
  });

  it("choosing Capture backup counts and filters readiness to capture a backup; a report counts its own blockers", async () => {
    await page.goto(`${admin.url}${routes.home()}`);
    const choice = (name: string) => chips("Readiness for").getByRole("link", { name, exact: true });
    expect(await choice("Sync inventory").getAttribute("aria-current")).toBe("true");
    // Contoso and Tailspin are ready; Adatum, Litware, Wingtip are blocked; Woodgrove is onboarding.
    expect(await readyCount(/^\d+ ready to sync inventory$/)).toBe(2);
    await choice("Capture backup").click();
    await page.waitForURL((url) => url.searchParams.get("operation") === "backup.capture");
    await expect.poll(() => choice("Capture backup").getAttribute("aria-current")).toBe("true");
    await expect.poll(() => readyCount(/^\d+ ready to capture backup$/)).toBe(2);
    expect(await attention().getByRole("link", { name: /ready to sync inventory/ }).count()).toBe(0);
    await attention().getByRole("link", { name: /ready to capture backup$/ }).click();
    await page.waitForURL((url) => url.searchParams.get("ready") === "ready" && url.searchParams.get("operation") === "backup.capture");
    await expect.poll(rowSlugs).toEqual(["contoso", "tailspin"]);
    await screenshot(page, "home-ready-to-capture");

    // The device compliance report needs a permission Tailspin lacks: one fewer ready, one more blocked.
    await choice("Generate report · Device compliance").click();
    await page.waitForURL((url) => url.searchParams.get("operation") === "report.generate:device-compliance");
    await expect.poll(() => readyCount(/^\d+ ready to generate report · device compliance$/)).toBe(1);
    await attention().getByRole("link", { name: "1 lacks permissions" }).click();
    await page.waitForURL((url) => url.searchParams.get("reason") === "provider_permission_missing");
    await expect.poll(rowSlugs).toEqual(["tailspin"]);
    expect(watched.problems).toEqual([]);
  });
});
