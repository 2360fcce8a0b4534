// A push channel that failed is tried again (the tab does not poll until it is reloaded): after a
// deploy restarts the admin server, every open tab's stream breaks at once and each must come back
// to push. In a real browser against the built app: the stream is refused, the notice follows its
// run by polling; the channel is let through again and the page's clock moved past the retry delay;
// the notice then follows by push, and polling stops.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { finishRun, startRun } from "@tenantpilot/dispatch-gate";
import { operationCatalog, routes, runStatusWords } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { pushRetryFirstMs } from "../../apps/admin/app/live/push-failure";
import { launchBrowser, logIn, watchPage } from "./support/browser";
import { type RunningAdmin, seededDatabaseForThisFile, startAdmin } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const fabrikamOwner = { email: "owner@fabrikam.test", password: demoLogins[0]!.password };
const sync = operationCatalog["inventory.sync"].label;
const watchRoute = "**/api/trpc/operations.watch**";

let admin: RunningAdmin;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];
/** When each operations.detail poll and each operations.watch stream request left the page. */
const polls: number[] = [];
const streams: number[] = [];

const notice = () => page.getByRole("region", { name: sync, exact: true }).locator("[data-outcome]");

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The page's timers run on a clock the test can move forward: the retry waits 15 s and more.
  await context.clock.install();
  page = await context.newPage();
  problems = watchPage(page).problems;
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/operations.detail")) polls.push(Date.now());
    if (request.url().includes("/api/trpc/operations.watch")) streams.push(Date.now());
  });
});

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
});

describe("a failed push channel", () => {
  let runId = "";

  it("falls back to polling while the stream is refused", async () => {
    await page.route(watchRoute, (route) => route.abort());
    await logIn(page, admin.url, fabrikamOwner.email, fabrikamOwner.password, routes.tenant("fourthcoffee"));
    await page.getByRole("region", { name: sync, exact: true }).getByRole("button", { name: sync }).click();
    const accepted = notice().and(page.locator('[data-outcome="accepted"]'));
    await accepted.waitFor();
    runId = ((await accepted.getByRole("link", { name: "View run" }).getAttribute("href")) ?? "").split("/").at(-1) ?? "";
    await expect.poll(() => polls.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect((await startRun(admin.prisma, runId, { workerId: "e2e-push-retry" })).ok).toBe(true);
    await notice().and(page.locator('[data-run-status="running"]')).waitFor({ timeout: 15_000 });
  });

  it("is tried again after the retry delay, and the notice then follows by push, not by polling", async () => {
    await page.unroute(watchRoute);
    const streamsBefore = streams.length;
    await page.clock.fastForward(pushRetryFirstMs + 1_000);
    await expect.poll(() => streams.length, { timeout: 15_000 }).toBeGreaterThan(streamsBefore);
    // The stream is open: the page stops polling (at most one poll already in flight may still land).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const pollsWhilePushing = polls.length;

    expect((await finishRun(admin.prisma, runId, { status: "succeeded", counts: { seen: 4, changed: 1, failed: 0 } })).ok).toBe(true);
    const finished = notice().and(page.locator('[data-run-status="succeeded"]'));
    await finished.waitFor({ timeout: 15_000 });
    await expect(finished.getByRole("heading").textContent()).resolves.toBe(runStatusWords.succeeded);
    expect(polls.length).toBe(pollsWhilePushing);
    // The refused streams are the only problems the page reported (the browser logs each one).
    expect(problems.every((problem) => problem.includes("net::ERR_FAILED"))).toBe(true);
  });
});
