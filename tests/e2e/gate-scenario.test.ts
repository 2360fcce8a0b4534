// The gate as an operator meets it, in a real browser against the built app, a seeded PostgreSQL
// and the worker process with the sandbox Microsoft tenant: every start answers one of the four
// outcomes in the shared words, blocked starts say why before and after the click, runs finish
// with a notification, onboarding reaches the first sync, and another workspace sees nothing.
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { operationCatalog, outcomeWords, reasonCatalog, reportKinds, routes, runStatusWords } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, type RunningWorker, seededDatabaseForThisFile, startAdmin, startWorker } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const owner = demoLogins.find((login) => login.role === "owner")!;
const ownerEmail = owner.email;
const otherWorkspaceOwner = { email: "owner@fabrikam.test", password: owner.password };

let admin: RunningAdmin;
let worker: RunningWorker | undefined;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: { problems: string[] };
const cspViolations: string[] = [];
/** The inventory sync the scenario starts on Contoso; later steps follow it. */
let syncRunHref = "";
/** The onboarding draft the scenario completes. */
let draftPath = "";

beforeAll(async () => {
  // The admin process (it inherits this environment) seals and opens secrets with the key the demo data was seeded with.
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Every Content-Security-Policy violation of any page of the scenario, as the browser reports it.
  await context.exposeFunction("reportCspViolation", (line: string) => cspViolations.push(line));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation(line: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`);
    });
  });
  page = await context.newPage();
  watched = watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await admin?.stop();
});

const operationCard = (name: string) => page.getByRole("region", { name, exact: true });

describe("the gate in the browser", () => {
  it("logs in and returns to the page that was asked for", async () => {
    await logIn(page, admin.url, owner.email, owner.password, "/admin/t/contoso");
    expect(new URL(page.url()).pathname).toBe("/admin/t/contoso");
    await page.getByRole("heading", { level: 1, name: "Contoso Ltd" }).waitFor();
    await screenshot(page, "tenant-ready");
  });

  it("starts an inventory sync: Queued, with a link to its run, and focus on the answer", async () => {
    const card = operationCard(operationCatalog["inventory.sync"].label);
    await expect(card.locator("[data-readiness]").getAttribute("data-readiness")).resolves.toBe("ready");
    await card.getByRole("button", { name: "Sync inventory" }).click();
    const notice = card.getByRole("status").filter({ hasText: outcomeWords.accepted });
    await notice.waitFor();
    await expect(notice.getByRole("heading").textContent()).resolves.toContain(outcomeWords.accepted);
    await expect(notice.textContent()).resolves.toContain("Sync inventory for Contoso Ltd");
    syncRunHref = (await notice.getByRole("link", { name: "View run" }).getAttribute("href")) ?? "";
    expect(syncRunHref).toMatch(/^\/admin\/operations\/[0-9a-f-]{36}$/);
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-outcome"))).resolves.toBe("accepted");
    await screenshot(page, "sync-queued");
  });

  it("starts it again: Already running, linking the same run", async () => {
    const card = operationCard(operationCatalog["inventory.sync"].label);
    // Before the click the readiness already says so.
    await card.locator('[data-readiness="deduped"]').waitFor();
    await card.getByRole("button", { name: "Sync inventory" }).click();
    const notice = card.getByRole("status").filter({ hasText: outcomeWords.deduped });
    await notice.waitFor();
    await expect(notice.getByRole("link", { name: "View run" }).getAttribute("href")).resolves.toBe(syncRunHref);
    await screenshot(page, "sync-already-running");
  });

  it("captures a backup meanwhile: Scope busy, linking the sync that holds the scope", async () => {
    const card = operationCard(operationCatalog["backup.capture"].label);
    await card.locator('[data-readiness="scope_busy"]').waitFor();
    await card.getByRole("button", { name: "Capture backup" }).click();
    const notice = card.getByRole("status").filter({ hasText: outcomeWords.scope_busy });
    await notice.waitFor();
    await expect(notice.getByRole("link", { name: "View the Sync inventory run" }).getAttribute("href")).resolves.toBe(syncRunHref);
    await screenshot(page, "backup-scope-busy");
  });

  it("shows the tenant without consent as Blocked before and after the click, with a next step to its connection", async () => {
    const connection = await admin.prisma.providerConnection.findFirstOrThrow({ where: { tenant: { slug: "adatum" }, isPrimary: true } });
    await page.goto(`${admin.url}${routes.tenant("adatum")}`);
    const card = operationCard(operationCatalog["inventory.sync"].label);
    // A tenant-wide blocker is said once, in the tenant's banner; the card's readiness points there.
    await card.locator('[data-readiness="blocked"]').waitFor();
    const hint = page.getByRole("region", { name: "Tenant blocked" });
    await expect(hint.textContent()).resolves.toContain(`${outcomeWords.blocked}: ${reasonCatalog.provider_consent_missing.sentence}`);
    await expect(hint.getByRole("link", { name: reasonCatalog.provider_consent_missing.nextStepLabel }).getAttribute("href")).resolves.toBe(
      routes.connection(connection.id),
    );
    await screenshot(page, "blocked-before-click");

    await card.getByRole("button", { name: "Sync inventory" }).click();
    const notice = card.getByRole("alert").filter({ hasText: outcomeWords.blocked });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(reasonCatalog.provider_consent_missing.sentence);
    await screenshot(page, "blocked-after-click");

    await notice.getByRole("link", { name: reasonCatalog.provider_consent_missing.nextStepLabel }).click();
    await page.waitForURL(`**${routes.connection(connection.id)}`);
    // Client-side navigation: the URL changes before the new page has rendered.
    await page.getByRole("heading", { level: 1, name: connection.displayName }).waitFor();
    await screenshot(page, "blocked-next-step-connection");

    // A blocked start created no run; it is in the audit log.
    expect(await admin.prisma.operationRun.count({ where: { tenantId: connection.tenantId } })).toBe(0);
    expect(await admin.prisma.auditLogEntry.count({ where: { tenantId: connection.tenantId, action: "operation.blocked" } })).toBe(1);
  });

  it("answers onboarding's first sync through the gate: Blocked until a check has confirmed consent, the tenant stays onboarding", async () => {
    await page.goto(`${admin.url}${routes.onboarding()}`);
    // Opening the wizard writes nothing; the first save makes the draft.
    const drafts = await admin.prisma.onboardingDraft.count();
    await page.getByRole("button", { name: "Onboard a new tenant" }).click();
    await page.waitForURL(/\/admin\/onboarding\/new/);
    expect(await admin.prisma.onboardingDraft.count()).toBe(drafts);
    await page.getByLabel("Display name").fill("Litware Labs");
    await page.getByLabel(/Short name/).fill("litware-labs");
    await page.getByLabel("Microsoft Entra tenant ID").fill(randomUUID());
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/admin\/onboarding\/[0-9a-f-]{36}$/);
    await page.getByLabel("Application (client) ID").waitFor();
    await page.getByLabel("Application (client) ID").fill(randomUUID());
    await page.getByLabel("Client secret").fill("a-sandbox-client-secret");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("button", { name: operationCatalog["connection.check"].label }).click();
    // No worker yet: the check stays queued, so nobody has seen consent.
    await page.getByRole("status").filter({ hasText: outcomeWords.accepted }).first().waitFor();

    const firstSync = page.getByRole("button", { name: operationCatalog["inventory.sync"].label });
    await firstSync.click();
    const notice = page.getByRole("alert").filter({ hasText: outcomeWords.blocked });
    await notice.waitFor();
    await expect(notice.getByRole("heading").textContent()).resolves.toContain(outcomeWords.blocked);
    await expect(notice.textContent()).resolves.toContain(reasonCatalog.provider_consent_missing.sentence);
    const connection = await admin.prisma.providerConnection.findFirstOrThrow({ where: { tenant: { slug: "litware-labs" } } });
    await expect(notice.getByRole("link", { name: reasonCatalog.provider_consent_missing.nextStepLabel }).getAttribute("href")).resolves.toBe(
      routes.connection(connection.id),
    );
    await screenshot(page, "onboarding-first-sync-blocked");
    expect((await admin.prisma.tenant.findUniqueOrThrow({ where: { slug: "litware-labs" } })).status).toBe("onboarding");
    expect(await admin.prisma.operationRun.count({ where: { tenant: { slug: "litware-labs" }, operation: "inventory.sync" } })).toBe(0);
  });

  it("asks for the confirmation before a failed restore is retried, and sends it with the retry", async () => {
    const tenant = await admin.prisma.tenant.findUniqueOrThrow({ where: { slug: "contoso" } });
    const owner = await admin.prisma.user.findUniqueOrThrow({ where: { email: ownerEmail } });
    const set = await admin.prisma.backupSet.create({
      data: { tenantId: tenant.id, name: "Before the change freeze", status: "complete", itemCount: 0, completedAt: new Date() },
    });
    const failed = await admin.prisma.operationRun.create({
      data: {
        tenantId: tenant.id,
        operation: "restore.execute",
        targetKind: "backup_set",
        targetId: set.id,
        scopeKey: "policies",
        status: "failed",
        initiatorKind: "user",
        initiatorUserId: owner.id,
        reasonCode: "provider_unavailable",
        startedAt: new Date(),
        finishedAt: new Date(),
      },
    });
    await page.goto(`${admin.url}${routes.run(failed.id)}`);
    await page.getByRole("link", { name: "Retry…" }).click();
    const confirm = page.getByRole("region", { name: "Confirm retry" });
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain("Contoso Ltd");
    // Asking is not starting: nothing was sent to the gate yet.
    expect(await admin.prisma.operationRun.count({ where: { tenantId: tenant.id, operation: "restore.execute" } })).toBe(1);
    await screenshot(page, "restore-retry-confirm");

    await confirm.getByRole("button", { name: "Restore Contoso Ltd again" }).click();
    // The gate answered (the queued sync still holds the scope): the confirmation went with the retry.
    const notice = page.getByRole("status").filter({ hasText: outcomeWords.scope_busy });
    await notice.waitFor();
    await expect(notice.getByRole("link", { name: "View the Sync inventory run" }).getAttribute("href")).resolves.toBe(syncRunHref);
    await screenshot(page, "restore-retry-answered");
  });

  it("runs the sync once a worker is there; the notification arrives", async () => {
    worker = startWorker({ databaseUrl, encryptionKey, extra: { WORKER_CRONTAB: "" } });
    await page.goto(`${admin.url}${routes.tenant("contoso")}`);
    // The sync's notification (and the queued onboarding check's, which runs now too).
    const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor({ timeout: 60_000 }).catch((error: unknown) => {
      throw new Error(`no notification arrived; worker output:\n${worker?.output()}`, { cause: error });
    });
    await bell.click();
    const item = page.locator("li[data-unread='true']").filter({ hasText: `${operationCatalog["inventory.sync"].label}: ${runStatusWords.succeeded}` });
    await item.waitFor();
    await expect(item.getByRole("link", { name: "View run" }).getAttribute("href")).resolves.toBe(syncRunHref);
    await screenshot(page, "notification-arrived");
  });

  it("shows the run's outcome in words first", async () => {
    await page.goto(`${admin.url}${syncRunHref}`);
    const outcome = page.locator("[data-run-status]").first();
    await expect(outcome.getAttribute("data-run-status")).resolves.toBe("succeeded");
    await expect(page.locator("#outcome-heading").textContent()).resolves.toBe(runStatusWords.succeeded);
    // Scope and bound connection, secondary to the outcome.
    await expect(page.locator("dd").filter({ hasText: operationCatalog["inventory.sync"].scope.label }).count()).resolves.toBe(1);
    await expect(page.locator("dd").filter({ hasText: "Contoso Ltd — Graph app" }).count()).resolves.toBe(1);
    await screenshot(page, "run-detail");
  });

  it("names the missing permission on the run page of a provider_permission_missing run; that report kind is then Blocked", async () => {
    // The database still believes Tailspin granted it; Microsoft (the sandbox) answers 403.
    const connection = await admin.prisma.providerConnection.findFirstOrThrow({ where: { tenant: { slug: "tailspin" }, isPrimary: true } });
    await admin.prisma.providerConnection.update({
      where: { id: connection.id },
      data: { grantedPermissions: { push: "DeviceManagementManagedDevices.Read.All" } },
    });
    await page.goto(`${admin.url}${routes.tenant("tailspin")}/reports`);
    const card = operationCard(reportKinds["device-compliance"].label);
    await card.locator('[data-readiness="ready"]').waitFor();
    await card.getByRole("button", { name: `${operationCatalog["report.generate"].label} for ${reportKinds["device-compliance"].label}` }).click();
    const notice = card.locator(`[data-outcome="accepted"]`);
    await notice.waitFor();
    const runPath = (await notice.getByRole("link", { name: "View run" }).getAttribute("href")) ?? "";

    await page.goto(`${admin.url}${runPath}`);
    await page.locator('[data-run-status="failed"]').waitFor({ timeout: 60_000 });
    const outcome = page.locator("[data-run-status]").first();
    await expect(outcome.textContent()).resolves.toContain("The provider connection lacks the Microsoft Graph permission: DeviceManagementManagedDevices.Read.All.");
    await expect(page.getByRole("list", { name: "Missing Microsoft Graph permissions" }).textContent()).resolves.toBe(
      "DeviceManagementManagedDevices.Read.All",
    );
    await expect(outcome.getByRole("link", { name: reasonCatalog.provider_permission_missing.nextStepLabel }).getAttribute("href")).resolves.toBe(
      routes.connection(connection.id),
    );
    await screenshot(page, "run-permission-missing");

    // Microsoft's answer counts from now on, though the stored grants still claim the permission.
    await page.goto(`${admin.url}${routes.tenant("tailspin")}/reports`);
    await operationCard(reportKinds["device-compliance"].label).locator('[data-readiness="blocked"]').waitFor();
    await operationCard(reportKinds["policy-inventory"].label).locator('[data-readiness="ready"]').waitFor();
  });

  it("onboards a new tenant to its first sync", async () => {
    await page.goto(`${admin.url}${routes.onboarding()}`);
    await page.getByRole("button", { name: "Onboard a new tenant" }).click();
    await page.waitForURL(/\/admin\/onboarding\/new/);

    await page.getByLabel("Display name").fill("Northwind Labs");
    await page.getByLabel(/Short name/).fill("northwind-labs");
    await page.getByLabel("Microsoft Entra tenant ID").fill(randomUUID());
    await screenshot(page, "onboarding-details");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/admin\/onboarding\/[0-9a-f-]{36}$/);
    draftPath = new URL(page.url()).pathname;

    await page.getByLabel("Application (client) ID").waitFor();
    await page.getByLabel("Application (client) ID").fill(randomUUID());
    await page.getByLabel("Client secret").fill("a-sandbox-client-secret");
    await page.getByRole("button", { name: "Save and continue" }).click();

    const check = page.getByRole("button", { name: operationCatalog["connection.check"].label });
    await check.waitFor();
    await screenshot(page, "onboarding-verify");
    await check.click();
    await page.getByRole("status").filter({ hasText: outcomeWords.accepted }).first().waitFor();
    // The check's own result, live: the first sync waits for it.
    await page.locator('[data-live-run][data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    await screenshot(page, "onboarding-verified");

    await page.getByRole("button", { name: operationCatalog["inventory.sync"].label }).click();
    await page.getByRole("status").filter({ hasText: "Sync inventory for Northwind Labs" }).waitFor();
    await page.getByRole("heading", { name: "Northwind Labs is onboarded" }).waitFor();
    await page.locator('[data-live-run][data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    await screenshot(page, "onboarding-first-sync");

    await page.getByRole("button", { name: "Finish and open Northwind Labs" }).click();
    await page.waitForURL(`**${routes.tenant("northwind-labs")}`);
    await operationCard(operationCatalog["inventory.sync"].label).locator('[data-readiness="ready"]').waitFor();
    await screenshot(page, "onboarded-tenant");
  });

  it("answers 404 to a user of another workspace, for the tenant and for the run", async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const stranger = await other.newPage();
      await logIn(stranger, admin.url, otherWorkspaceOwner.email, otherWorkspaceOwner.password);
      for (const path of [routes.tenant("contoso"), syncRunHref]) {
        const response = await stranger.goto(`${admin.url}${path}`);
        expect(response?.status(), path).toBe(404);
        await expect(stranger.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Not found");
        await expect(stranger.locator("body").textContent()).resolves.not.toContain("Contoso");
      }
      await screenshot(stranger, "other-workspace-404");
    } finally {
      await other.close();
    }
  });

  it("answers 403 to a member whose role lacks the capability, and shows it readiness without start buttons", async () => {
    const readonly = demoLogins.find((login) => login.role === "readonly")!;
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const viewer = await other.newPage();
      await logIn(viewer, admin.url, readonly.email, readonly.password);
      const response = await viewer.goto(`${admin.url}${draftPath}`);
      expect(response?.status()).toBe(403);
      await expect(viewer.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Not allowed");
      await screenshot(viewer, "readonly-403");

      await viewer.goto(`${admin.url}${routes.tenant("adatum")}`);
      const card = viewer.getByRole("region", { name: operationCatalog["inventory.sync"].label, exact: true });
      await card.locator('[data-readiness="blocked"]').waitFor();
      await expect(card.getByRole("button").count()).resolves.toBe(0);
    } finally {
      await other.close();
    }
  });

  it("logs out from the user menu; the admin pages then ask for a login again", async () => {
    await page.goto(`${admin.url}/admin`);
    // The account menu's button is named by its text ("Account: <name>"; the prefix for screen readers only).
    await page.locator("header summary", { hasText: "Account:" }).click();
    await Promise.all([page.waitForURL("**/login"), page.getByRole("button", { name: "Log out", exact: true }).click()]);
    await page.goto(`${admin.url}${routes.operations()}`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe(routes.operations());
  });

  it("raised no errors in the page along the way, and broke none of its Content-Security-Policy", () => {
    expect(watched.problems).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
