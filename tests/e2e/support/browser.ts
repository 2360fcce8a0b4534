import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "./stack";

export const artifactsDir = path.join(repoRoot, "tests/artifacts/e2e");

/** Debian's chromium (CHROMIUM_PATH overrides), headless, with nothing reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Problems the page reports: uncaught exceptions and console errors (a hydration mismatch is one).
 * A 404 page's own document request is expected where a test asks for one.
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  // The page's path goes with each: a problem seen while walking many pages names where it was.
  const where = () => new URL(page.url(), "http://unknown").pathname;
  page.on("pageerror", (error) => problems.push(`pageerror at ${where()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (/Failed to load resource: the server responded with a status of 404/.test(message.text())) return;
    problems.push(`console.error at ${where()}: ${message.text()}`);
  });
  return { problems };
}

let shot = 0;
/** A full-page screenshot per scenario step, numbered in order, kept in tests/artifacts/e2e. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  shot += 1;
  // caret "initial": hiding the caret makes Playwright write a style attribute on every input, and a screenshot
  // taken before hydration then shows up as React's "Extra attributes from the server: style".
  await page.screenshot({ path: path.join(artifactsDir, `${String(shot).padStart(2, "0")}-${name}.png`), fullPage: true, caret: "initial" });
}

export async function logIn(page: Page, baseUrl: string, email: string, password: string, path = "/admin"): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "Log in" }).click()]);
}
