import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startOutcomes, type StartResult } from "@tenantpilot/dispatch-gate/contract";
import { credentialsFile, DEFAULT_URL, loadCredentials, resolveUrl, saveCredentials } from "../src/cli/credentials";
import { exitCodes, outcomeExitCodes } from "../src/cli/exit-codes";
import { runCli } from "../src/cli/run-cli";
import { describeStart } from "../src/cli/start-words";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** An environment of its own: no TENANTPILOT_* from the machine running the tests. */
function tempEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), "tp-cli-"));
  dirs.push(dir);
  return { NODE_ENV: "test", TENANTPILOT_CONFIG_DIR: path.join(dir, "nested") };
}

describe("credentials file", () => {
  it("is written 0600 in a 0700 directory, and read back", () => {
    const env = tempEnv();
    const saved = { url: "https://admin.example", token: "tp_abc", email: "a@example.test", tokenId: "id", savedAt: "now" };
    const file = saveCredentials(saved, env);
    expect(file).toBe(credentialsFile(env));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(loadCredentials(env)).toEqual(saved);
    expect(readFileSync(file, "utf8")).toContain('"token": "tp_abc"');
  });

  it("a damaged file reads as not logged in", () => {
    const env = tempEnv();
    saveCredentials({ url: "https://a.example", token: "t", email: "e", tokenId: "i", savedAt: "s" }, env);
    writeFileSync(credentialsFile(env), "{ not json");
    expect(loadCredentials(env)).toBeNull();
  });

  it("URL precedence: --url, TENANTPILOT_URL, the saved URL, then localhost:3000", () => {
    const env = tempEnv();
    expect(resolveUrl(undefined, env)).toBe(DEFAULT_URL);
    saveCredentials({ url: "https://saved.example", token: "t", email: "e", tokenId: "i", savedAt: "s" }, env);
    expect(resolveUrl(undefined, env)).toBe("https://saved.example");
    expect(resolveUrl(undefined, { ...env, TENANTPILOT_URL: "https://env.example" })).toBe("https://env.example");
    expect(resolveUrl("https://flag.example", { ...env, TENANTPILOT_URL: "https://env.example" })).toBe("https://flag.example");
  });
});

describe("exit statuses", () => {
  it("one distinct status per outcome, none colliding with errors", () => {
    const codes = startOutcomes.map((outcome) => outcomeExitCodes[outcome]);
    expect(codes).toEqual([0, 10, 11, 12]);
    expect(new Set([...codes, exitCodes.error, exitCodes.usage, exitCodes.forbidden, exitCodes.notFound]).size).toBe(8);
  });

  it("usage errors exit 2 without contacting a server", async () => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text), env: tempEnv() };
    expect(await runCli([], io)).toBe(2);
    expect(await runCli(["start", "inventory.sync", "--tenant"], io)).toBe(2);
    expect(await runCli(["runs", "--limit", "0"], io)).toBe(2);
    expect(await runCli(["help"], io)).toBe(0);
    expect(out.join("")).toContain("usage: npm run ops");
  });
});

describe("start words", () => {
  it("renders a blocked start as the reason sentence and its next step, with an absolute link", () => {
    const blocked: StartResult = {
      outcome: "blocked",
      reason: "provider_credentials_missing",
      message: "The provider connection has no client secret.",
      nextStep: { label: "Add a client secret", href: "/admin/provider-connections/abc" },
    };
    expect(describeStart(blocked, "https://admin.example/")).toBe(
      "Blocked: The provider connection has no client secret.\n  Next step: Add a client secret → https://admin.example/admin/provider-connections/abc\n",
    );
  });
});
