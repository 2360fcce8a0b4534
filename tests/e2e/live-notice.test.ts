// Start answers that stay true while their runs move (issue 13 item 5, ADR 028), in a real browser
// against the built app: the run's transitions come from the lifecycle service a worker uses
// (driven by the test, so each step is observed), reach PostgreSQL's NOTIFY, the admin process's
// listener and the page's SSE subscription — and the notices change without a reload.
// The other workspace's tenant (Fabrikam's Fourth Coffee) keeps this file's runs and notifications
// out of the other browser scenarios, which share the seeded database.
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { finishRun, startRun } from "@tenantpilot/dispatch-gate";
import { describe as words, holderFinishedWords, operationCatalog, outcomeWords, routes, runStatusWords } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, seededDatabaseForThisFile, startAdmin } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const fabrikamOwner = { email: "owner@fabrikam.test", password: demoLogins[0]!.password };
const tenantPath = routes.tenant("fourthcoffee");
const sync = operationCatalog["inventory.sync"].label;
const backup = operationCatalog["backup.capture"].label;

let admin: RunningAdmin;
let browser: Browser;
let context: BrowserContext;
let starter: Page;
let other: Page;
const problems: string[][] = [];
/** API paths the pages called: the push channel must carry the updates, not the polling fallback. */
const apiCalls: string[] = [];
/** The push streams (operations.watch over SSE) each page holds open now. */
const openStreams = new Map<Page, Set<Request>>();
let runId = "";

const card = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const notice = (page: Page, name: string) => card(page, name).locator("[data-outcome]");

/** Marks the document; a reload or navigation would lose the mark. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { liveNoticeMark: string }).liveNoticeMark = "same document"));
}
async function documentMark(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { liveNoticeMark?: string }).liveNoticeMark);
}

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  starter = await context.newPage();
  other = await context.newPage();
  problems.push(watchPage(starter).problems, watchPage(other).problems);
  context.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/trpc/")) apiCalls.push(`${path.slice("/api/trpc/".length)} ${request.headers().accept ?? ""}`);
  });
  for (const page of [starter, other]) {
    const open = new Set<Request>();
    openStreams.set(page, open);
    page.on("request", (request) => {
      if (request.url().includes("/api/trpc/operations.watch")) open.add(request);
    });
    // One call per event: playwright's overloads do not accept a union of event names.
    page.on("requestfinished", (request) => open.delete(request));
    page.on("requestfailed", (request) => open.delete(request));
  }
});

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
});

describe("a start notice follows its run", () => {
  it("answers Queued, and a second tab's start answers Already running, a backup Scope busy", async () => {
    await logIn(starter, admin.url, fabrikamOwner.email, fabrikamOwner.password, tenantPath);
    await card(starter, sync).locator('[data-readiness="ready"]').waitFor();
    await card(starter, sync).getByRole("button", { name: sync }).click();
    await notice(starter, sync).waitFor();
    await expect(notice(starter, sync).getByRole("heading").textContent()).resolves.toBe(outcomeWords.accepted);
    const href = (await notice(starter, sync).getByRole("link", { name: "View run" }).getAttribute("href")) ?? "";
    runId = href.split("/").at(-1) ?? "";
    expect(href).toBe(routes.run(runId));

    await card(starter, backup).getByRole("button", { name: backup }).click();
    await expect(notice(starter, backup).getAttribute("data-outcome")).resolves.toBe("scope_busy");
    // Two notices follow the run, over one stream: a browser opens at most six connections per origin, so a
    // stream per notice would stall the page's other requests once six notices follow runs.
    await expect.poll(() => openStreams.get(starter)?.size, { timeout: 10_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(openStreams.get(starter)?.size).toBe(1);

    await other.goto(`${admin.url}${tenantPath}`);
    await card(other, sync).locator('[data-readiness="deduped"]').waitFor();
    await card(other, sync).getByRole("button", { name: sync }).click();
    await notice(other, sync).waitFor();
    await expect(notice(other, sync).getByRole("heading").textContent()).resolves.toBe(outcomeWords.deduped);
    await screenshot(other, "live-deduped");
    await markDocument(starter);
    await markDocument(other);
  });

  it("turns Running when a worker claims the run, without a reload", async () => {
    expect((await startRun(admin.prisma, runId, { workerId: "e2e-live" })).ok).toBe(true);
    await notice(starter, sync).and(starter.locator('[data-run-status="running"]')).waitFor({ timeout: 15_000 });
    await expect(notice(starter, sync).getByRole("heading").textContent()).resolves.toBe(runStatusWords.running);
    // Still running: the other tab's answer stays "Already running", now with the run's status.
    await notice(other, sync).and(other.locator('[data-run-status="running"]')).waitFor({ timeout: 15_000 });
    await expect(notice(other, sync).getByRole("heading").textContent()).resolves.toBe(outcomeWords.deduped);
    await expect(documentMark(starter)).resolves.toBe("same document");
  });

  it("turns Succeeded with the count summary; the readiness line agrees (Ready) without a reload", async () => {
    const counts = { seen: 12, changed: 3, failed: 0 };
    expect((await finishRun(admin.prisma, runId, { status: "succeeded", counts })).ok).toBe(true);
    const finished = notice(starter, sync).and(starter.locator('[data-run-status="succeeded"]'));
    await finished.waitFor({ timeout: 15_000 });
    await expect(finished.getByRole("heading").textContent()).resolves.toBe(runStatusWords.succeeded);
    await expect(finished.textContent()).resolves.toContain(words({ runProgress: { status: "succeeded", counts } }));
    await card(starter, sync).locator('[data-readiness="ready"]').waitFor({ timeout: 15_000 });
    await expect(documentMark(starter)).resolves.toBe("same document");
    await screenshot(starter, "live-succeeded");
  });

  it("turns the Already running and Scope busy answers into “now free — start again”", async () => {
    const freed = notice(other, sync).and(other.locator("[data-holder-ended]"));
    await freed.waitFor({ timeout: 15_000 });
    await expect(freed.getByRole("heading").textContent()).resolves.toBe(holderFinishedWords);
    await expect(freed.getByRole("heading").textContent()).resolves.toBe(words({ holderFinished: "succeeded" }));
    await expect(freed.textContent()).resolves.toContain(runStatusWords.succeeded);
    await card(other, sync).locator('[data-readiness="ready"]').waitFor({ timeout: 15_000 });
    await expect(documentMark(other)).resolves.toBe("same document");

    const backupFreed = notice(starter, backup).and(starter.locator("[data-holder-ended]"));
    await backupFreed.waitFor({ timeout: 15_000 });
    await expect(backupFreed.getByRole("heading").textContent()).resolves.toBe(holderFinishedWords);
    await screenshot(other, "live-now-free");
  });

  it("starts again from the freed answer: Queued, a new run", async () => {
    await card(other, sync).getByRole("button", { name: sync }).click();
    const again = notice(other, sync).and(other.locator('[data-outcome="accepted"]'));
    await again.waitFor();
    const href = (await again.getByRole("link", { name: "View run" }).getAttribute("href")) ?? "";
    expect(href).not.toBe(routes.run(runId));
    // Leave the tenant's scope free for whoever comes next.
    const next = href.split("/").at(-1) ?? "";
    expect((await startRun(admin.prisma, next, { workerId: "e2e-live" })).ok).toBe(true);
    expect((await finishRun(admin.prisma, next, { status: "failed", reason: "provider_unavailable", counts: { seen: 0, changed: 0, failed: 0 } })).ok).toBe(true);
    await other.locator('[data-run-status="failed"]').waitFor({ timeout: 15_000 });
    await expect(notice(other, sync).getByRole("heading").textContent()).resolves.toBe(runStatusWords.failed);
  });

  it("raised no errors in either page, and was told by the push channel (SSE), not by polling", () => {
    expect(problems.flat()).toEqual([]);
    expect(apiCalls.filter((call) => call.startsWith("operations.watch")).length).toBeGreaterThanOrEqual(3);
    expect(apiCalls.filter((call) => call.startsWith("operations.watch")).every((call) => call.includes("text/event-stream"))).toBe(true);
    expect(apiCalls.filter((call) => call.includes("operations.detail"))).toEqual([]);
  });
});
