// Monitoring in the browser (issue 17 item 3): the operations list filtered by status (chips with
// counts) and a date range, with duration, who started a run and its connection by name; its CSV
// link exports the same rows; the workspace's activity shows an accepted start and a connection
// change with their subjects named and linked; a run's page says how long it took and, plainly,
// whether it is final or will retry — and links nowhere to itself.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describe as describeWords, operationCatalog, routes } from "@tenantpilot/dispatch-gate/contract";
import { demoLogins } from "../../prisma/seed";
import { sessionCookie, trpcMutation } from "../api/support/raw-trpc";
import { launchBrowser, logIn, screenshot, watchPage } from "./support/browser";
import { type RunningAdmin, seededDatabaseForThisFile, startAdmin } from "./support/stack";

const databaseUrl = await seededDatabaseForThisFile();
const encryptionKey = inject("e2eEncryptionKey");
const owner = demoLogins.find((login) => login.role === "owner")!;

// Days no other browser test writes runs on, so that the date range isolates this file's runs.
const day = "2026-08-10";
const nextDay = "2026-08-11";
const at = (time: string, date = day) => new Date(`${date}T${time}Z`);

let admin: RunningAdmin;
let browser: Browser;
let page: Page;
let watched: { problems: string[] };
let cookie = "";
const runs = { failed: "", succeeded: "", otherDay: "", retrying: "" };
let connection = { id: "", displayName: "" };

/** tRPC as the owner, from outside the browser (the starts and changes the activity must show). */
async function asOwner(path: string, input: unknown) {
  const response = await trpcMutation(admin.url, path, input, { cookie, origin: admin.url });
  if (response.error) throw new Error(`${path}: ${response.error.message}`);
  return response.data;
}

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = encryptionKey;
  admin = await startAdmin(databaseUrl);
  const login = await trpcMutation(admin.url, "auth.login", { email: owner.email, password: owner.password }, { origin: admin.url });
  cookie = sessionCookie(login.headers)!.pair;

  const prisma = admin.prisma;
  const contoso = await prisma.tenant.findUniqueOrThrow({ where: { slug: "contoso" } });
  const wingtip = await prisma.tenant.findUniqueOrThrow({ where: { slug: "wingtip" } });
  const user = await prisma.user.findUniqueOrThrow({ where: { email: owner.email } });
  const primary = await prisma.providerConnection.findFirstOrThrow({ where: { tenantId: contoso.id, isPrimary: true } });
  connection = { id: primary.id, displayName: primary.displayName };
  const snapshot = { id: primary.id, displayName: primary.displayName, clientId: primary.clientId, identityVersion: primary.identityVersion };
  const finished = (id: keyof typeof runs, data: { status: string; created: Date; seconds: number; reasonCode?: string; attempt?: number }) =>
    prisma.operationRun
      .create({
        data: {
          tenantId: contoso.id,
          operation: "inventory.sync",
          targetKind: "tenant",
          targetId: contoso.id,
          scopeKey: "policies",
          status: data.status,
          reasonCode: data.reasonCode ?? null,
          initiatorKind: "user",
          initiatorUserId: user.id,
          attempt: data.attempt ?? 1,
          maxAttempts: 3,
          createdAt: data.created,
          startedAt: new Date(data.created.getTime() + 5_000),
          finishedAt: new Date(data.created.getTime() + 5_000 + data.seconds * 1_000),
          providerConnectionId: primary.id,
          connectionSnapshot: snapshot,
        },
        select: { id: true },
      })
      .then((run) => (runs[id] = run.id));
  // Throttled on every one of its three attempts: final, no more attempts.
  await finished("failed", { status: "failed", created: at("10:00:00"), seconds: 90, reasonCode: "provider_throttled", attempt: 3 });
  await finished("succeeded", { status: "succeeded", created: at("11:00:00"), seconds: 30 });
  await finished("otherDay", { status: "failed", created: at("10:00:00", nextDay), seconds: 10, reasonCode: "provider_unavailable" });
  // Running, pausing after a throttled first attempt: it will retry. (Wingtip has no connection and no other test runs on it.)
  const now = new Date();
  runs.retrying = (
    await prisma.operationRun.create({
      data: {
        tenantId: wingtip.id,
        operation: "directory.sync",
        targetKind: "tenant",
        targetId: wingtip.id,
        scopeKey: "directory",
        status: "running",
        initiatorKind: "user",
        initiatorUserId: user.id,
        attempt: 2,
        maxAttempts: 3,
        createdAt: new Date(now.getTime() - 60_000),
        startedAt: new Date(now.getTime() - 55_000),
        heartbeatAt: now,
        diagnostics: { retries: [{ attempt: 1, reason: "provider_throttled", message: "429", retryInMs: 3_600_000, at: now.toISOString() }] },
      },
      select: { id: true },
    })
  ).id;

  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watched = watchPage(page);
  await logIn(page, admin.url, owner.email, owner.password, routes.operations());
});

afterAll(async () => {
  // Leave nothing active behind for the other browser tests, and the connection's name as it was.
  if (admin) {
    await admin.prisma.operationRun.updateMany({ where: { id: runs.retrying, status: "running" }, data: { status: "failed", finishedAt: new Date(), reasonCode: "worker_lost" } });
    if (connection.id) await admin.prisma.providerConnection.update({ where: { id: connection.id }, data: { displayName: connection.displayName } });
  }
  await browser?.close();
  await admin?.stop();
});

const listedRuns = () => page.locator("tr[data-run]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-run")));

describe("monitoring in the browser", () => {
  it("filters the operations list by date range and by a status chip, with duration, who and which connection", async () => {
    await page.getByRole("heading", { level: 1, name: "Operations" }).waitFor();
    await page.getByLabel("Queued from").fill(day);
    await page.waitForURL((url) => url.searchParams.get("from") === day);
    await page.getByLabel("Queued to").fill(day);
    await page.waitForURL((url) => url.searchParams.get("to") === day);
    await expect.poll(listedRuns).toEqual([runs.succeeded, runs.failed]);

    const chips = page.getByRole("navigation", { name: "Status" });
    await expect(chips.getByRole("link", { name: /^All/ }).textContent()).resolves.toBe("All2");
    await expect(chips.getByRole("link", { name: /^Failed/ }).textContent()).resolves.toBe("Failed1");
    await chips.getByRole("link", { name: /^Failed/ }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "failed");
    await expect.poll(listedRuns).toEqual([runs.failed]);
    await expect(chips.getByRole("link", { name: /^Failed/ }).getAttribute("aria-current")).resolves.toBe("true");

    const row = page.locator(`tr[data-run="${runs.failed}"]`);
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(0, 3)).toEqual([describeWords({ runStatus: "failed" }), operationCatalog["inventory.sync"].label, "Contoso Ltd"]);
    expect(cells.slice(4, 7)).toEqual(["1 min 30 s", owner.name, connection.displayName]);
    await expect(page.locator("thead th").allTextContents()).resolves.toEqual(["Status", "Operation", "Tenant", "Queued", "Duration", "Started by", "Connection", "Details"]);
    await screenshot(page, "operations-failed-on-a-day");
  });

  it("exports the same rows as CSV from its link", async () => {
    const href = routes.operationsCsv({ status: "failed", from: day, to: day });
    await expect(page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).resolves.toBe(href);
    // Downloaded with the browser's own session, as a click would.
    const response = await page.request.get(`${admin.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"${runs.failed}"`);
    expect(lines[1]).toContain('"Failed"');
    expect(lines[1]).toContain('"90"');
    expect(lines[1]).toContain(`"${connection.displayName}"`);
  });

  it("shows an accepted start and a connection change in the workspace's activity, their subjects named and linked", async () => {
    const started = (await asOwner("operations.start", { tenant: "contoso", operation: "directory.sync" })) as { outcome: string; run?: { id: string } };
    expect(started.outcome).toBe("accepted");
    const runId = started.run!.id;
    // Cancelled at once (it is queued and no worker runs here): its scope is free again for other tests.
    await asOwner("operations.cancel", { runId });
    await asOwner("connections.update", { connectionId: connection.id, displayName: "Contoso monitoring app" });

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    await page.getByRole("heading", { level: 1, name: "Activity" }).waitFor();
    await page.getByLabel("Action").selectOption({ label: describeWords({ auditAction: "operation.accepted" }) });
    await page.waitForURL((url) => url.searchParams.get("action") === "operation.accepted");
    const accepted = page.locator('tr[data-audit-action="operation.accepted"]').filter({ has: page.locator(`a[href="${routes.run(runId)}"]`) });
    await accepted.waitFor();
    const acceptedCells = await accepted.locator("td").allTextContents();
    expect(acceptedCells[1]).toContain("Start accepted (queued)");
    expect(acceptedCells.slice(2)).toEqual([`${operationCatalog["directory.sync"].label} on Contoso Ltd`, "Contoso Ltd", owner.name]);
    await screenshot(page, "activity-accepted-start");

    await page.getByLabel("Action").selectOption({ label: describeWords({ auditAction: "connection.updated" }) });
    await page.waitForURL((url) => url.searchParams.get("action") === "connection.updated");
    const changed = page.locator('tr[data-audit-action="connection.updated"]').filter({ has: page.locator(`a[href="${routes.connection(connection.id)}"]`) });
    await changed.first().waitFor();
    const changedCells = await changed.first().locator("td").allTextContents();
    expect(changedCells.slice(2)).toEqual(["Contoso monitoring app", "Contoso Ltd", owner.name]);
    const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(exportHref).toBe(routes.activityCsv({ workspace: "northwind", action: "connection.updated" }));
    await screenshot(page, "activity-connection-changed");

    // "Clear" leads back to the whole list, and the filter says so: it does not keep showing the last choice.
    await page.getByRole("link", { name: "Clear" }).click();
    await page.waitForURL((url) => !url.searchParams.has("action"));
    await page.getByRole("link", { name: "Clear" }).waitFor({ state: "detached" });
    await expect(page.getByLabel("Action").inputValue()).resolves.toBe("");
  });

  it("the run page says how long the run took, that it is final, and links nowhere to itself", async () => {
    await page.goto(`${admin.url}${routes.run(runs.failed)}`);
    await page.getByRole("heading", { level: 1, name: operationCatalog["inventory.sync"].label }).waitFor();
    await expect(page.locator("[data-run-duration]").textContent()).resolves.toBe("1 min 30 s");
    const attempts = page.locator("[data-attempt-state]");
    await expect(attempts.getAttribute("data-attempt-state")).resolves.toBe("final");
    await expect(attempts.textContent()).resolves.toBe("Final — no more attempts: all 3 attempts were used. Start it again with Retry.");
    // In-page anchors (the skip link to #main) move focus, not the visitor: they are not links to the page.
    const selfLinks = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>("a[href]")]
        .map((a) => ({ text: a.textContent, url: new URL(a.href) }))
        .filter(({ url }) => url.pathname === location.pathname && url.search === "" && url.hash === "")
        .map(({ text }) => text),
    );
    expect(selfLinks).toEqual([]);
    await screenshot(page, "run-final");
  });

  it("answers a backwards date range with a 400 naming the field, and another workspace's activity as not found", async () => {
    for (const path of [routes.operations({ from: nextDay, to: day }), routes.activity({ from: nextDay, to: day })]) {
      const response = await page.request.get(`${admin.url}${path}`, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      expect(await response.text(), path).toContain("to: must not be before from");
    }
    const foreign = await page.request.get(`${admin.url}${routes.activity({ workspace: "fabrikam" })}`, { maxRedirects: 0 });
    expect(foreign.status()).toBe(404);
  });

  it("a run pausing between attempts says when it will retry", async () => {
    await page.goto(`${admin.url}${routes.run(runs.retrying)}`);
    const attempts = page.locator("[data-attempt-state]");
    await expect(attempts.getAttribute("data-attempt-state")).resolves.toBe("will_retry");
    await expect(attempts.textContent()).resolves.toMatch(/^Attempt 1 of 3 failed \(.+\); will retry at \d{2}:\d{2}:\d{2} UTC \(attempt 2 of 3\)\.$/);
    await expect(page.locator("[data-run-duration]").textContent()).resolves.toMatch(/^\d+ s$|^1 min/);
    await screenshot(page, "run-will-retry");
    expect(watched.problems).toEqual([]);
  });
});
