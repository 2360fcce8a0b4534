// A batch page that follows its batch by push (issue 14 item 5, ADR 034), in a real browser against the
// built app: run transitions reach PostgreSQL's NOTIFY, the admin process's one listener and the page's
// batches.watch subscription (SSE), and the rollup, the bar and the rows move together without a reload
// and without the page asking its loader (or batches.detail) again while the batch runs. The first run is
// moved by the lifecycle service a worker uses (so each step is observed), the rest by a real worker.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { finishRun, startRun } from "@tenantpilot/dispatch-gate";
import { routes, type BulkStartResult } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, type RunningWorker, seededDatabaseForThisFile, startAdmin, startWorker } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const owner = demoLogins.find((login) => login.role === "owner")!;

/** The running pieces: the built admin app, a browser signed in as the demo owner, later a worker. */
const stack: { admin?: RunningAdmin; browser?: Browser; worker?: RunningWorker } = {};
let admin: RunningAdmin;
let page: Page;
let problems: string[] = [];
let batchPath = "";
let accepted: { slug: string; runId: string }[] = [];
/** Requests for the batch page's data (its document, its loader's `.data`, batches.detail) and its watch. */
const dataRequests: string[] = [];
const watchRequests: string[] = [];

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = stack.admin = await startAdmin(databaseUrl);
  stack.browser = await launchBrowser();
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (batchPath !== "" && url.pathname.startsWith(batchPath)) dataRequests.push(`${request.method()} ${url.pathname}${url.search}`);
    if (url.pathname.startsWith("/api/trpc/") && url.pathname.includes("batches.detail")) dataRequests.push(url.pathname);
    if (url.pathname.startsWith("/api/trpc/batches.watch")) watchRequests.push(request.headers().accept ?? "");
  });
  page = await context.newPage();
  problems = watchPage(page).problems;
  await logIn(page, admin.url, owner.email, owner.password);
});

afterAll(async () => {
  await stack.browser?.close();
  await stack.worker?.stop();
  await stack.admin?.stop();
});

const progressBar = () => page.getByRole("progressbar", { name: "Tenants done" });
const rollup = () => page.locator("[data-rollup]");
const runStatusOf = (slug: string) => page.locator(`tr[data-tenant="${slug}"]`).getAttribute("data-run-status");

/** Marks the document; a reload or navigation would lose the mark. */
const markDocument = () => page.evaluate(() => ((window as unknown as { batchLiveMark: string }).batchLiveMark = "same document"));
const documentMark = () => page.evaluate(() => (window as unknown as { batchLiveMark?: string }).batchLiveMark);

describe("the batch page follows its batch by push", () => {
  it("opens a batch started over every tenant of the workspace", async () => {
    // Started through the API as the bulk form does (same origin, the session's cookie).
    const started = await page.evaluate(async () => {
      const response = await fetch("/api/trpc/operations.startMany", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          json: { workspace: "northwind", operation: "directory.sync", selection: { kind: "filter", filter: {} }, idempotencyKey: crypto.randomUUID() },
        }),
      });
      return (await response.json()) as { result: { data: { json: BulkStartResult } } };
    });
    const result = started.result.data.json;
    accepted = result.items.flatMap((item) => (item.result.outcome === "accepted" ? [{ slug: item.tenant.slug, runId: item.result.run.id }] : []));
    // Two runs (the demo's Contoso and Tailspin): the first is moved by the test, the other by a worker.
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(result.rollup.byOutcome.blocked).toBeGreaterThanOrEqual(1);

    batchPath = routes.batch(result.batch.id);
    await page.goto(`${admin.url}${batchPath}`);
    await page.locator('[data-batch-status="running"]').waitFor();
    for (const run of accepted) await expect(runStatusOf(run.slug)).resolves.toBe("queued");
    // The page has opened its push channel: from here on, no request for the page's data may follow.
    await expect.poll(() => watchRequests.length).toBeGreaterThanOrEqual(1);
    await markDocument();
    dataRequests.length = 0;
  });

  it("moves a row, the rollup and the bar together as a run is claimed and ends — no reload, no polling", async () => {
    const first = accepted[0]!;
    const doneBefore = Number(await progressBar().getAttribute("value"));
    expect((await startRun(admin.prisma, first.runId, { workerId: "e2e-batch-live" })).ok).toBe(true);
    await page.locator(`tr[data-tenant="${first.slug}"][data-run-status="running"]`).waitFor({ timeout: 15_000 });
    await expect(rollup().textContent()).resolves.toContain("1 running");

    expect((await finishRun(admin.prisma, first.runId, { status: "succeeded", counts: { seen: 5, changed: 1, failed: 0 } })).ok).toBe(true);
    await page.locator(`tr[data-tenant="${first.slug}"][data-run-status="succeeded"]`).waitFor({ timeout: 15_000 });
    // The rollup and the bar agree with the row: one more done, counted as succeeded.
    await expect(rollup().textContent()).resolves.toContain("1 succeeded");
    await expect(progressBar().getAttribute("value")).resolves.toBe(String(doneBefore + 1));
    await screenshot(page, "batch-live-one-done");
    expect(await documentMark()).toBe("same document");
    expect(dataRequests).toEqual([]);
  });

  it("follows a worker running the rest of the batch to done, still without asking for the page's data while it runs", async () => {
    const worker = (stack.worker = startWorker({ databaseUrl, encryptionKey, extra: { WORKER_CRONTAB: "" } }));
    // Sampled while it runs: the page never shows a row ended that the rollup does not count as ended.
    const disagreements: string[] = [];
    const sampling = setInterval(() => {
      void page
        .evaluate(() => {
          const ended = document.querySelectorAll('tr[data-run-status="succeeded"], tr[data-run-status="failed"], tr[data-run-status="partially_succeeded"], tr[data-run-status="cancelled"]').length;
          const bar = document.querySelector("progress");
          const blocked = document.querySelectorAll('tr[data-outcome="blocked"], tr[data-outcome="scope_busy"]').length;
          return { ended, blocked, done: Number(bar?.getAttribute("value") ?? "0") };
        })
        .then((sample) => {
          if (sample.ended + sample.blocked > sample.done) disagreements.push(JSON.stringify(sample));
        })
        .catch(() => undefined);
    }, 50);
    try {
      await page.locator('[data-batch-status="finished"]').waitFor({ timeout: 60_000 });
    } catch (error) {
      throw new Error(`the batch did not finish; worker output:\n${worker.output()}`, { cause: error });
    } finally {
      clearInterval(sampling);
    }
    // Asked while it ran: nothing. Once finished, the page reloads its data once (the rows a filter
    // would list follow the runs), which is at most one request and not a poll.
    expect(dataRequests.length).toBeLessThanOrEqual(1);
    expect(dataRequests.every((request) => request.includes(".data"))).toBe(true);
    expect(disagreements).toEqual([]);
    for (const run of accepted) await expect(runStatusOf(run.slug)).resolves.not.toMatch(/^(queued|running)$/);
    const total = await page.locator("tbody tr[data-tenant]").count();
    await expect(progressBar().getAttribute("value")).resolves.toBe(String(total));
    await page.getByText(`${total} of ${total} done`).waitFor();
    expect(await documentMark()).toBe("same document");
    await screenshot(page, "batch-live-finished");
  });

  it("falls back to reading the page again when the push channel fails, and still reaches done", async () => {
    await stack.worker?.stop();
    const problemsBefore = problems.length;
    // The push channel refused (a proxy that drops event streams, say): every watch request fails.
    await page.route("**/api/trpc/batches.watch**", (route) => route.abort());
    const started = await page.evaluate(async () => {
      const response = await fetch("/api/trpc/operations.startMany", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          json: { workspace: "northwind", operation: "directory.sync", selection: { kind: "tenants", tenants: ["contoso"] }, idempotencyKey: crypto.randomUUID() },
        }),
      });
      return (await response.json()) as { result: { data: { json: BulkStartResult } } };
    });
    const item = started.result.data.json.items[0]!;
    expect(item.result.outcome).toBe("accepted");
    const runId = item.result.outcome === "accepted" ? item.result.run.id : "";
    batchPath = routes.batch(started.result.data.json.batch.id);
    await page.goto(`${admin.url}${batchPath}`);
    await page.locator('[data-batch-status="running"]').waitFor();
    dataRequests.length = 0;

    expect((await startRun(admin.prisma, runId, { workerId: "e2e-batch-live" })).ok).toBe(true);
    expect((await finishRun(admin.prisma, runId, { status: "succeeded", counts: { seen: 1, changed: 1, failed: 0 } })).ok).toBe(true);
    await page.locator('[data-batch-status="finished"]').waitFor({ timeout: 15_000 });
    await expect(runStatusOf("contoso")).resolves.toBe("succeeded");
    // Told by polling the page's loader, the fallback.
    expect(dataRequests.filter((request) => request.includes(".data")).length).toBeGreaterThanOrEqual(1);
    await page.unroute("**/api/trpc/batches.watch**");
    // The refused streams are the only problems this step may add (the browser logs each one).
    const added = problems.splice(problemsBefore);
    expect(added.every((problem) => problem.includes("net::ERR_FAILED"))).toBe(true);
  });

  it("was told by the push channel (SSE), raised no errors, and stops asking once the batch is done", async () => {
    expect(watchRequests.length).toBeGreaterThanOrEqual(1);
    expect(watchRequests.every((accept) => accept.includes("text/event-stream"))).toBe(true);
    const settled = dataRequests.length;
    await page.waitForTimeout(2_500);
    expect(dataRequests.length).toBe(settled);
    expect(problems).toEqual([]);
  });
});
