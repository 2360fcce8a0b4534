// The workspace home and bulk starts as an operator meets them, in a real browser against the built
// app and the demo data: summary chips that filter, search, status and tag filters, tags put on
// selected rows and on a tenant page, the tenant-wide banner, and a bulk start from the list —
// select, preview the rollup, confirm — whose batch page follows its runs to the end and retries
// the blocked rows once they can run.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { outcomeWords, reasonCatalog, routes } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, type RunningWorker, seededDatabaseForThisFile, startAdmin, startWorker } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const owner = demoLogins.find((login) => login.role === "owner")!;

let admin: RunningAdmin;
let worker: RunningWorker | undefined;
let browser: Browser;
let page: Page;
let watched: { problems: string[] };

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  watched = watchPage(page);
  await logIn(page, admin.url, owner.email, owner.password);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await admin?.stop();
});

const rows = () => page.locator("tbody tr[data-tenant]");
const rowSlugs = async () => (await rows().evaluateAll((found) => found.map((row) => row.getAttribute("data-tenant")))).sort();
const chips = (label: string) => page.getByRole("navigation", { name: label });

describe("the workspace home", () => {
  it("counts what needs attention as chips that filter the list", async () => {
    await page.goto(`${admin.url}${routes.home()}`);
    const consent = chips("Needs attention").getByRole("link", { name: /^\d+ needs? consent$/ });
    await consent.click();
    await page.waitForURL((url) => url.searchParams.get("reason") === "provider_consent_missing");
    await expect.poll(rowSlugs).toEqual(["adatum"]);
    expect(await page.locator('tbody [data-readiness="ready"]').count()).toBe(0);
    await screenshot(page, "home-needs-consent");
  });

  it("searches, filters by status (archived tenants with Unarchive) and by tag", async () => {
    await page.goto(`${admin.url}${routes.home()}`);
    await page.getByLabel("Search tenants").fill("woodgrove");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("search") === "woodgrove");
    await expect.poll(rowSlugs).toEqual(["woodgrove"]);

    // Archived tenants are out of the default list; the Archived status shows them, with Unarchive for owners.
    await page.goto(`${admin.url}${routes.home()}`);
    await expect.poll(rowSlugs).not.toContain("proseware");
    await chips("Status").getByRole("link", { name: "Archived" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "archived");
    await expect.poll(rowSlugs).toEqual(["proseware"]);
    await page.getByRole("button", { name: "Unarchive Proseware Inc" }).click();
    await page.getByRole("status").filter({ hasText: "Tenant unarchived." }).waitFor();
    await expect.poll(rowSlugs).toEqual([]);
    // Back to where it was before archiving: onboarding, since the demo's Proseware never finished it.
    expect((await admin.prisma.tenant.findUniqueOrThrow({ where: { slug: "proseware" } })).status).toBe("onboarding");
    // Archived again, as the demo has it, for the steps and files that follow.
    await admin.prisma.tenant.update({ where: { slug: "proseware" }, data: { status: "archived" } });

    await page.goto(`${admin.url}${routes.home()}`);
    await chips("Tags").getByRole("link", { name: /^EU/ }).click();
    await page.waitForURL((url) => url.searchParams.getAll("tag").length === 1);
    await expect.poll(rowSlugs).toEqual(["adatum", "contoso", "litware"]);
    // A second tag widens the filter to tenants in either.
    await chips("Tags").getByRole("link", { name: /^Gold support/ }).click();
    await page.waitForURL((url) => url.searchParams.getAll("tag").length === 2);
    await expect.poll(rowSlugs).toEqual(["adatum", "contoso", "litware", "tailspin"]);
    await screenshot(page, "home-two-tags");
  });

  it("creates a tag and puts it on the selected rows", async () => {
    await page.goto(`${admin.url}${routes.home()}`);
    await page.getByLabel("New tag").fill("Patch window");
    await page.getByRole("button", { name: "Create tag" }).click();
    await page.getByRole("status").filter({ hasText: "Tag “Patch window” created." }).waitFor();
    await page.getByRole("checkbox", { name: "Select Contoso Ltd" }).check();
    await page.getByRole("checkbox", { name: "Select Tailspin Toys" }).check();
    await page.getByRole("combobox", { name: /^Tag\b/ }).selectOption({ label: "Patch window" });
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("status").filter({ hasText: "Tag added to 2 tenants." }).waitFor();
    await chips("Tags").getByRole("link", { name: /^Patch window/ }).click();
    await page.waitForURL((url) => url.searchParams.getAll("tag").length === 1);
    await expect.poll(rowSlugs).toEqual(["contoso", "tailspin"]);
    await screenshot(page, "home-tag-added");

    // Renamed in the tags section: the chip follows.
    await page.getByLabel("New name for Patch window").fill("Patch Tuesday");
    await page.getByRole("button", { name: "Rename" }).first().waitFor();
    await page.locator('[data-tag="Patch window"]').getByRole("button", { name: "Rename" }).click();
    await chips("Tags").getByRole("link", { name: /^Patch Tuesday/ }).waitFor();
  });
});

describe("the tenant page", () => {
  it("shows a tenant-wide blocker once, as a banner with its next step; cards point to it", async () => {
    await page.goto(`${admin.url}${routes.tenant("adatum")}`);
    const banner = page.getByRole("region", { name: "Tenant blocked" });
    await expect(banner.textContent()).resolves.toContain(reasonCatalog.provider_consent_missing.sentence);
    await banner.getByRole("link", { name: reasonCatalog.provider_consent_missing.nextStepLabel }).waitFor();
    // The sentence is said once on the page, not again on each operation card.
    await expect(page.getByText(reasonCatalog.provider_consent_missing.sentence).count()).resolves.toBe(1);
    await page.getByRole("region", { name: "Sync inventory", exact: true }).locator('[data-readiness="blocked"]').waitFor();
    await screenshot(page, "tenant-banner");

    await page.goto(`${admin.url}${routes.tenant("contoso")}`);
    await expect(page.getByRole("region", { name: "Tenant blocked" }).count()).resolves.toBe(0);
  });

  it("adds a tag by name (a new one, created on the spot) and removes it", async () => {
    await page.goto(`${admin.url}${routes.tenant("adatum")}`);
    await page.getByLabel("Add a tag (an existing one or a new one)").fill("Quarterly review");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("button", { name: "Remove tag Quarterly review" }).waitFor();
    await page.getByRole("button", { name: "Remove tag Quarterly review" }).click();
    await page.getByRole("status").filter({ hasText: "Tag removed from 1 tenant." }).waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Remove tag Quarterly review" }).count()).toBe(0);
  });
});

describe("a bulk start from the list", () => {
  let batchUrl = "";

  it("previews all tenants matching a filter without writing anything", async () => {
    await page.goto(`${admin.url}${routes.home({ status: "archived" })}`);
    await page.getByLabel("Operation").selectOption({ label: "Sync directory" });
    await page.getByLabel("All tenants matching this filter").check();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.locator("#bulk-preview [data-rollup]").textContent()).resolves.toBe("1 blocked: 1 archived or onboarding");
    await page.getByRole("link", { name: "Cancel" }).click();
  });

  // Rows of tenants no other browser scenario counts blocked starts of (a bulk start audits each blocked tenant).
  it("selects rows, previews the rollup, confirms once: one batch", async () => {
    await page.goto(`${admin.url}${routes.home()}`);
    for (const name of ["Contoso Ltd", "Litware Inc", "Wingtip Toys"]) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
    await page.getByLabel("Operation").selectOption({ label: "Sync directory" });
    await page.getByRole("button", { name: "Preview" }).click();
    const rollup = page.locator("#bulk-preview [data-rollup]");
    await rollup.waitFor();
    const line = (await rollup.textContent()) ?? "";
    expect(line).toContain("1 will queue");
    expect(line).toContain("2 blocked: ");
    expect(line).toContain("1 secret expired");
    expect(line).toContain("1 has no connection");
    await screenshot(page, "bulk-preview");

    const batchesBefore = await admin.prisma.batch.count();
    // A double click on Confirm: the key made with the preview makes it one batch.
    await page.getByRole("button", { name: /^Confirm/ }).dblclick();
    await page.waitForURL((url) => url.pathname.startsWith(routes.batches()) && url.pathname !== routes.batches());
    batchUrl = new URL(page.url()).pathname;
    expect(await admin.prisma.batch.count()).toBe(batchesBefore + 1);
  });

  it("shows the batch progressing to done once a worker runs it, with an answer and next step per tenant", async () => {
    worker = startWorker({ databaseUrl, encryptionKey, extra: { WORKER_CRONTAB: "" } });
    await page.locator('[data-batch-status="finished"]').waitFor({ timeout: 60_000 }).catch((error: unknown) => {
      throw new Error(`the batch did not finish; worker output:\n${worker?.output()}`, { cause: error });
    });
    await expect(page.locator('tr[data-tenant="contoso"]').getAttribute("data-outcome")).resolves.toBe("accepted");
    const wingtip = page.locator('tr[data-tenant="wingtip"]');
    await expect(wingtip.textContent()).resolves.toContain(`${outcomeWords.blocked}: ${reasonCatalog.provider_connection_missing.sentence}`);
    await wingtip.getByRole("link", { name: reasonCatalog.provider_connection_missing.nextStepLabel }).waitFor();
    await expect(page.getByRole("progressbar", { name: "Tenants done" }).getAttribute("value")).resolves.toBe("3");
    await screenshot(page, "batch-finished");

    await page.getByRole("navigation", { name: "Show" }).getByRole("link", { name: "Only blocked" }).click();
    await page.waitForURL((url) => url.searchParams.get("show") === "blocked");
    await expect.poll(rowSlugs).toEqual(["litware", "wingtip"]);
  });

  it("retries what can run now: nothing while both stay blocked; the renewed one once its secret is rotated", async () => {
    await page.goto(`${admin.url}${batchUrl}`);
    await page.getByRole("button", { name: "Retry what can run now" }).click();
    await page.getByRole("alert").filter({ hasText: "Nothing to retry" }).waitFor();

    // Litware's secret renewed (what "Rotate the client secret" leads to), as the database records it.
    await admin.prisma.providerConnection.updateMany({
      where: { tenant: { slug: "litware" } },
      data: { clientSecretExpiresAt: new Date(Date.now() + 90 * 24 * 3_600_000) },
    });
    await page.getByRole("button", { name: "Retry what can run now" }).click();
    await page.waitForURL((url) => url.pathname !== batchUrl && url.pathname.startsWith(routes.batches()));
    await expect(page.locator("tbody tr[data-tenant]").evaluateAll((found) => found.map((row) => row.getAttribute("data-tenant")))).resolves.toEqual(["litware"]);
    await page.locator('[data-batch-status="finished"]').waitFor({ timeout: 60_000 });
    await screenshot(page, "batch-retried");
    // A batch id that is not one, or one that does not exist: the same 404 page (as for every page's id), never a 500.
    expect((await page.request.get(`${admin.url}${routes.batch("not-a-batch")}`)).status()).toBe(404);
    expect((await page.request.get(`${admin.url}${routes.batch("7d2c5a0e-8b1f-4c3d-9e6a-1f2b3c4d5e6f")}`)).status()).toBe(404);
    await page.goto(`${admin.url}${routes.batches()}`);
    await expect(page.locator("tbody tr").count()).resolves.toBeGreaterThanOrEqual(2);
  });

  it("raised no errors in the page along the way", () => {
    expect(watched.problems).toEqual([]);
  });
});
