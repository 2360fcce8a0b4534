// The workspace's settings, onboarding's app registration and a restore's preview, as an owner
// meets them in a real browser against the built app, a seeded PostgreSQL and the worker process
// (sandbox tenant): a weekly schedule is saved and paused; a webhook is configured, its secret shown
// once, and a run's notification is delivered — signed — to a real local receiver and logged; the
// onboarding wizard lists the Graph permissions per operation and discards a draft only when asked
// twice; a restore starts with only the policies left checked in its preview.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyWebhook } from "@tenantpilot/auth";
import { appRegistrationGuide, describe as words, operationCatalog, routes, scheduleWhen } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, type RunningWorker, seededDatabaseForThisFile, startAdmin, startWorker } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const owner = demoLogins.find((login) => login.role === "owner")!;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let admin: RunningAdmin;
let worker: RunningWorker;
let browser: Browser;
let page: Page;
let watched: { problems: string[] };
let receiver: Server;
let receiverUrl = "";
const received: Received[] = [];
/** The signing secret the webhook page showed once. */
let signingSecret = "";
/** The backup the scenario captures (its run's notification is the delivery); the restore previews it. */
let captureRunId = "";

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/tenantpilot`;

  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  // The receiver is on loopback: this installation allows private destinations (ADR 026).
  worker = startWorker({ databaseUrl, encryptionKey, extra: { WORKER_CRONTAB: "", WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" } });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watched = watchPage(page);
  await logIn(page, admin.url, owner.email, owner.password, routes.settings());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await admin?.stop();
  receiver?.close();
});

/** Polls `read` until it returns something, or fails naming what it waited for. */
async function eventually<T>(what: string, read: () => Promise<T | undefined | null>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; worker output:\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("settings, onboarding's app registration and the restore preview in the browser", () => {
  it("creates a weekly schedule on a tag and pauses it; the default nightly schedule is listed", async () => {
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await expect(page.locator("[data-schedule='Nightly inventory sync']").textContent()).resolves.toContain(scheduleWhen({ cadence: "daily", time: "02:00" }));

    await page.getByRole("link", { name: "New schedule" }).click();
    await page.getByRole("heading", { level: 1, name: "New schedule" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Weekly EU backup");
    await page.getByLabel("Operation", { exact: true }).selectOption("backup.capture");
    const eu = await admin.prisma.tag.findFirstOrThrow({ where: { name: "EU" } });
    await page.getByLabel("Tenants", { exact: true }).selectOption(`tag:${eu.id}`);
    await page.getByLabel("Every week on", { exact: true }).check();
    await page.getByLabel("Weekday", { exact: true }).selectOption("5");
    await page.getByLabel("At", { exact: true }).fill("22:30");
    await screenshot(page, "settings-schedule-form");
    await Promise.all([page.waitForURL((url) => url.pathname === routes.settings()), page.getByRole("button", { name: "Save schedule" }).click()]);

    const row = page.locator("[data-schedule='Weekly EU backup']");
    await expect(row.textContent()).resolves.toContain(scheduleWhen({ cadence: "weekly", weekday: 5, time: "22:30" }));
    await expect(row.textContent()).resolves.toContain("Tenants tagged “EU”");
    const saved = await admin.prisma.schedule.findFirstOrThrow({ where: { name: "Weekly EU backup" } });
    expect(saved).toMatchObject({ operation: "backup.capture", cadence: "weekly", weekday: 5, paused: false, selection: { kind: "filter", filter: { tagId: eu.id } } });

    await row.getByRole("button", { name: "Pause Weekly EU backup" }).click();
    await page.locator("[data-schedule='Weekly EU backup'][data-paused='true']").waitFor();
    await expect(page.locator("[data-schedule='Weekly EU backup']").textContent()).resolves.toContain("Paused: does not run");
    expect((await admin.prisma.schedule.findUniqueOrThrow({ where: { id: saved.id } })).paused).toBe(true);
    await screenshot(page, "settings-schedule-paused");
  });

  it("edits the default nightly schedule, keeping its active-tenants selection, and deletes a schedule only when confirmed", async () => {
    await page.goto(`${admin.url}${routes.settings()}`);
    await page.getByLabel("Time zone", { exact: true }).selectOption("Europe/Berlin");
    await page.getByLabel("Batch run cap", { exact: true }).fill("6");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Settings saved." }).waitFor();
    await expect(admin.prisma.workspace.findUniqueOrThrow({ where: { slug: "northwind" } })).resolves.toMatchObject({ timeZone: "Europe/Berlin", batchRunCap: 6 });

    await page.getByRole("link", { name: "Edit Nightly inventory sync" }).click();
    await page.getByRole("heading", { level: 1, name: "Edit schedule" }).waitFor();
    await page.getByLabel("At", { exact: true }).fill("03:15");
    await Promise.all([page.waitForURL((url) => url.pathname === routes.settings()), page.getByRole("button", { name: "Save schedule" }).click()]);
    await expect(page.locator("[data-schedule='Nightly inventory sync']").textContent()).resolves.toContain(`${scheduleWhen({ cadence: "daily", time: "03:15" })} (Europe/Berlin)`);
    const nightly = await admin.prisma.schedule.findFirstOrThrow({ where: { isDefault: true, workspace: { slug: "northwind" } } });
    expect(nightly).toMatchObject({ operation: "inventory.sync", cadence: "daily", selection: { kind: "filter", filter: { status: "active" } } });

    const throwAway = await admin.prisma.schedule.create({
      data: { workspaceId: nightly.workspaceId, name: "Throw-away", operation: "directory.sync", selection: { kind: "filter", filter: {} }, cadence: "daily", localTime: new Date("1970-01-01T05:00:00Z"), nextFireAt: new Date(Date.now() + 3_600_000) },
    });
    await page.reload();
    await page.getByRole("link", { name: "Delete Throw-away…" }).click();
    const confirm = page.getByRole("region", { name: "Confirm deletion" });
    await confirm.waitFor();
    // Asking is not deleting.
    expect(await admin.prisma.schedule.count({ where: { id: throwAway.id } })).toBe(1);
    await confirm.getByRole("button", { name: "Delete Throw-away" }).click();
    await page.getByRole("status").filter({ hasText: "The schedule is deleted." }).waitFor();
    expect(await admin.prisma.schedule.count({ where: { id: throwAway.id } })).toBe(0);
    await screenshot(page, "settings-schedule-deleted");
    await page.locator("[data-schedule='Throw-away']").waitFor({ state: "detached", timeout: 10_000 });
  });

  it("shows managers the schedules' controls but not the webhook, and operators neither", async () => {
    for (const role of ["manager", "operator"] as const) {
      const login = demoLogins.find((candidate) => candidate.role === role)!;
      const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const otherPage = await other.newPage();
      await logIn(otherPage, admin.url, login.email, login.password, routes.settings());
      await otherPage.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
      await expect(otherPage.locator("[data-schedule='Nightly inventory sync']").count()).resolves.toBe(1);
      await expect(otherPage.getByRole("link", { name: "Webhook", exact: true }).count()).resolves.toBe(0);
      await expect(otherPage.getByRole("link", { name: "New schedule" }).count()).resolves.toBe(role === "manager" ? 1 : 0);
      await expect(otherPage.getByRole("button", { name: "Save settings" }).count()).resolves.toBe(role === "manager" ? 1 : 0);
      const webhookPage = await otherPage.goto(`${admin.url}${routes.webhook()}`);
      expect(webhookPage?.status()).toBe(403);
      await other.close();
    }
  });

  it("configures the webhook: the signing secret is shown once", async () => {
    await page.goto(`${admin.url}${routes.settings()}`);
    await Promise.all([page.waitForURL((url) => url.pathname === routes.webhook()), page.getByRole("link", { name: "Webhook", exact: true }).click()]);
    await page.getByRole("heading", { level: 1, name: "Webhook" }).waitFor();
    await page.getByLabel("URL").fill(receiverUrl);
    await page.getByRole("button", { name: "Create webhook" }).click();
    const secret = page.getByLabel("Signing secret");
    await secret.waitFor();
    signingSecret = await secret.inputValue();
    expect(signingSecret).toMatch(/^whsec_/);
    await screenshot(page, "webhook-secret-once");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Webhook" }).waitFor();
    await expect(page.locator("[data-webhook-secret]").count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain(signingSecret);
    await expect(page.getByLabel("URL").inputValue()).resolves.toBe(receiverUrl);
  });

  it("delivers a run's notification to the receiver, signed, and the log shows it delivered", async () => {
    // Tailspin (its one missing permission is a report's): the browser scenario's counts on Contoso stay its own.
    await page.goto(`${admin.url}${routes.tenant("tailspin")}`);
    const card = page.getByRole("region", { name: operationCatalog["backup.capture"].label, exact: true });
    await card.getByRole("button", { name: operationCatalog["backup.capture"].label }).click();
    // Accepted ("Queued"); the notice follows its run, so with the worker running it may already say "Succeeded".
    const notice = card.locator('[data-outcome="accepted"]');
    await notice.waitFor();
    captureRunId = ((await notice.getByRole("link", { name: "View run" }).getAttribute("href")) ?? "").split("/").pop() ?? "";

    const delivery = await eventually("the capture's notification at the receiver", () =>
      Promise.resolve(received.find((request) => request.body.includes(captureRunId))),
    );
    expect(
      verifyWebhook({
        secret: signingSecret,
        id: String(delivery.headers["webhook-id"]),
        timestamp: String(delivery.headers["webhook-timestamp"]),
        signature: String(delivery.headers["webhook-signature"]),
        body: delivery.body,
      }),
    ).toBe(true);

    await page.goto(`${admin.url}${routes.webhook()}`);
    const row = page.locator(`[data-delivery='${String(delivery.headers["webhook-id"])}']`);
    await expect(row.getAttribute("data-status")).resolves.toBe("delivered");
    await expect(row.textContent()).resolves.toContain(words({ webhookDelivery: "delivered" }));
    await expect(row.textContent()).resolves.toContain("204");
    await expect(row.textContent()).resolves.toContain("1 of");
    await screenshot(page, "webhook-delivered");
  });

  it("lists each connection's secret expiry in words with the days left", async () => {
    await page.goto(`${admin.url}${routes.connections()}`);
    const expired = await admin.prisma.providerConnection.findFirstOrThrow({ where: { tenant: { slug: "litware" }, isPrimary: true } });
    const current = await admin.prisma.providerConnection.findFirstOrThrow({ where: { tenant: { slug: "contoso" }, isPrimary: true } });
    const expiredCell = page.locator(`[data-connection='${expired.id}'] [data-secret-expiry]`);
    await expect(expiredCell.getAttribute("data-secret-expiry")).resolves.toBe("expired");
    await expect(expiredCell.textContent()).resolves.toContain("Expired on");
    const currentCell = page.locator(`[data-connection='${current.id}'] [data-secret-expiry]`);
    await expect(currentCell.getAttribute("data-secret-expiry")).resolves.toBe("ok");
    const daysLeft = Number(await currentCell.getAttribute("data-days-left"));
    expect(daysLeft).toBeGreaterThan(30);
    await expect(currentCell.textContent()).resolves.toContain(`Expires in ${daysLeft} days`);
  });

  it("lists the app registration's Graph permissions per operation in the wizard, returns there from consent, and discards the draft only when confirmed", async () => {
    await page.goto(`${admin.url}${routes.onboardingNew()}`);
    await page.getByLabel("Display name").fill("Settings Scenario Ltd");
    await page.getByLabel("Short name (used in addresses)").fill("settings-scenario");
    await page.getByLabel("Microsoft Entra tenant ID").fill(randomUUID());
    await page.getByRole("button", { name: "Save and continue" }).click();
    const permissions = page.locator("[data-app-permissions]");
    await permissions.waitFor();
    const guide = appRegistrationGuide("https://example.test/");
    const text = (await permissions.textContent()) ?? "";
    for (const permission of guide.permissions) expect(text).toContain(permission);
    for (const row of guide.permissionsByOperation) {
      const cell = (await permissions.locator(`[data-operation-permissions='${row.operation}']`).allTextContents()).join(" ");
      for (const permission of row.permissions) expect(cell).toContain(permission);
    }
    // The copy buttons work with JavaScript; the names are selectable text either way.
    await expect(permissions.getByRole("button", { name: "Copy every permission" }).count()).resolves.toBe(1);
    await screenshot(page, "onboarding-app-registration");

    const draftPath = new URL(page.url()).pathname;
    // Consent comes back to the wizard: save the connection, answer the (sandbox) consent prompt, return.
    await page.getByLabel("Application (client) ID").fill(randomUUID());
    await page.getByLabel("Client secret").fill("a-sandbox-client-secret");
    await page.getByRole("button", { name: "Save and continue" }).click();
    const consentLink = page.getByRole("link", { name: "Open the consent prompt" });
    await consentLink.waitFor();
    await page.goto((await consentLink.getAttribute("href")) ?? "");
    await page.getByRole("button", { name: "Accept" }).click();
    const back = page.getByRole("link", { name: "Back to onboarding" });
    await back.waitFor();
    expect(await back.getAttribute("href")).toBe(draftPath);
    await Promise.all([page.waitForURL((url) => url.pathname === draftPath), back.click()]);
    // Onboarding lists it, and Resume leads back to the same draft.
    await page.goto(`${admin.url}${routes.onboarding()}`);
    const resume = page.locator("[data-onboarding='settings-scenario']").getByRole("link", { name: "Resume onboarding of Settings Scenario Ltd" });
    await Promise.all([page.waitForURL((url) => url.pathname === draftPath), resume.click()]);

    await page.getByRole("link", { name: "Discard draft…" }).click();
    const confirm = page.getByRole("region", { name: "Confirm discard" });
    await confirm.waitFor();
    // Asking is not discarding.
    expect((await admin.prisma.tenant.findUniqueOrThrow({ where: { slug: "settings-scenario" } })).status).toBe("onboarding");
    await Promise.all([page.waitForURL((url) => url.pathname === routes.onboarding()), confirm.getByRole("button", { name: "Discard draft" }).click()]);
    expect((await admin.prisma.tenant.findUniqueOrThrow({ where: { slug: "settings-scenario" } })).status).toBe("archived");
    expect(draftPath).toMatch(/^\/admin\/onboarding\/[0-9a-f-]{36}$/);
  });

  it("previews a restore per policy and starts it with only the policies left checked", async () => {
    const set = await eventually("the captured backup set", () =>
      admin.prisma.backupSet.findFirst({ where: { capturedByRunId: captureRunId, status: "complete" }, include: { items: { orderBy: { displayName: "asc" } } } }),
    );
    expect(set.items.length).toBeGreaterThan(2);
    await page.goto(`${admin.url}${routes.backupSet("tailspin", set.id, { confirm: "restore" })}`);
    const confirm = page.getByRole("region", { name: "Confirm restore" });
    await confirm.waitFor();
    // One row per policy of the set, each with the words of what the restore does to it.
    await expect(confirm.locator("[data-restore-policy]").count()).resolves.toBe(set.items.length);
    const boxes = confirm.locator("input[type=checkbox][name=backupItemId]");
    await expect(boxes.count()).resolves.toBe(set.items.length);
    await screenshot(page, "restore-preview");

    const chosen = set.items.slice(0, 2);
    for (const item of set.items) {
      const box = confirm.getByRole("checkbox", { name: `Restore ${item.displayName}`, exact: true });
      if (chosen.some((candidate) => candidate.id === item.id)) await box.check();
      else await box.uncheck();
    }
    // A mistyped confirmation is refused before anything is started.
    await confirm.getByLabel("Type tailspin to confirm").fill("tailspn");
    await confirm.getByRole("button", { name: "Restore the selected policies to Tailspin Toys" }).click();
    await page.getByRole("alert").waitFor();
    expect(await admin.prisma.operationRun.count({ where: { operation: "restore.execute", targetId: set.id } })).toBe(0);

    const retry = page.getByRole("region", { name: "Confirm restore" });
    for (const item of set.items) {
      const box = retry.getByRole("checkbox", { name: `Restore ${item.displayName}`, exact: true });
      if (chosen.some((candidate) => candidate.id === item.id)) await box.check();
      else await box.uncheck();
    }
    await retry.getByLabel("Type tailspin to confirm").fill("tailspin");
    await retry.getByRole("button", { name: "Restore the selected policies to Tailspin Toys" }).click();
    // Accepted; the notice follows its run, which the running worker may already have finished.
    await page.locator('[data-outcome="accepted"]').waitFor();
    const run = await admin.prisma.operationRun.findFirstOrThrow({ where: { operation: "restore.execute", targetId: set.id } });
    expect(run.selection).toEqual({ backupItemIds: expect.arrayContaining(chosen.map((item) => item.id)) as unknown });
    expect((run.selection as { backupItemIds: string[] }).backupItemIds).toHaveLength(2);
    await screenshot(page, "restore-started");

    const finished = await eventually("the restore to finish", async () => {
      const current = await admin.prisma.operationRun.findUniqueOrThrow({ where: { id: run.id } });
      return current.finishedAt === null ? undefined : current;
    });
    expect(finished.status).toBe("succeeded");
    expect(finished.itemsSeen).toBe(2);
  });

  it("removes the webhook only when confirmed", async () => {
    await page.goto(`${admin.url}${routes.webhook()}`);
    await page.getByRole("link", { name: "Remove webhook…" }).click();
    const confirm = page.getByRole("region", { name: "Confirm removal" });
    await confirm.waitFor();
    // Asking is not removing.
    expect(await admin.prisma.workspaceWebhook.count()).toBe(1);
    await confirm.getByRole("button", { name: "Remove webhook" }).click();
    await page.getByRole("status").filter({ hasText: "The webhook is removed" }).waitFor();
    expect(await admin.prisma.workspaceWebhook.count()).toBe(0);
    await page.getByRole("heading", { name: "Configure a webhook" }).waitFor();
    // The log of what was delivered stays.
    await expect(page.locator("[data-delivery][data-status='delivered']").count()).resolves.toBeGreaterThan(0);
    expect(watched.problems).toEqual([]);
  });
});
