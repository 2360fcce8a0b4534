// The `ops` command against a running admin server (API only, random port), spawned the way
// `npm run ops -- …` runs it: each outcome in the shared words, and its exit status.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@tenantpilot/auth";
import { createPrismaClient, findFreePort, type PrismaClient } from "@tenantpilot/db";
import { finishRun, startOperation, startRun, type FinishRunInput } from "@tenantpilot/dispatch-gate";
import { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { PASSWORD, seedBackupSet, seedTenant, seedWorld, type World } from "./support/world";

// Every invocation is a fresh `tsx` process (about 2 s each here); the outcome test runs a dozen.
vi.setConfig({ testTimeout: 180_000 });

const repoRoot = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
const prisma = testPrisma(10);
let server: RunningServer;
let world: World;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startAdminServer(prisma);
  world = await seedWorld(prisma, { passwordHash: await hashPassword(PASSWORD) });
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ops(configDir: string, args: string[], onStart?: () => void, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["packages/client/src/cli/main.ts", ...args], {
      cwd: repoRoot,
      env: { ...process.env, TENANTPILOT_CONFIG_DIR: configDir, TENANTPILOT_URL: server.url, TENANTPILOT_TOKEN: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (onStart && stdout.length > 0) {
        onStart();
        onStart = undefined;
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function configDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tp-ops-"));
  dirs.push(dir);
  return dir;
}

async function loggedIn(email: string): Promise<string> {
  const dir = configDir();
  const result = await ops(dir, ["login", "--email", email, "--password", PASSWORD]);
  if (result.code !== 0) throw new Error(`login failed (${result.code}): ${result.stderr}`);
  return dir;
}

describe("ops login", () => {
  it("saves an API token with the URL, readable by the user only; the session it used is gone", async () => {
    const dir = configDir();
    const result = await ops(dir, ["login", "--email", world.users.operator.email, "--password", PASSWORD]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Logged in to ${server.url} as ${world.users.operator.email}`);
    const file = path.join(dir, "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, "utf8")) as { url: string; token: string; tokenId: string };
    expect(saved.url).toBe(server.url);
    expect(saved.token).toMatch(/^tp_/);
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { id: saved.tokenId } })).toMatchObject({ userId: world.users.operator.id, revokedAt: null });
    expect(await prisma.session.count({ where: { userId: world.users.operator.id } })).toBe(0);
  });

  it("a wrong password exits 1 and saves nothing", async () => {
    const dir = configDir();
    const result = await ops(dir, ["login", "--email", world.users.operator.email, "--password", "not the password"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Invalid email or password.");
    expect(() => statSync(path.join(dir, "credentials.json"))).toThrow();
  });

  it("without a saved token, commands say how to log in (exit 1)", async () => {
    const result = await ops(configDir(), ["tenants"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("npm run ops -- login");
  });
});

describe("ops start: every outcome and its exit status", () => {
  it("accepted 0, deduped 10, scope busy 11, blocked 12, forbidden 3, not found 4, bad usage 2", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const ready = world.tenants.ready.tenant.slug;

    const accepted = await ops(owner, ["start", "inventory.sync", "--tenant", ready]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^Queued: Sync inventory — run [0-9a-f-]{36}\n/);
    expect(accepted.stdout).toContain(`${server.url}/admin/operations/`);
    const runId = /run ([0-9a-f-]{36})/.exec(accepted.stdout)![1]!;

    const deduped = await ops(owner, ["start", "inventory.sync", "--tenant", ready]);
    expect(deduped.code).toBe(10);
    expect(deduped.stdout).toContain(`Already running: Sync inventory — run ${runId} is queued`);

    const busy = await ops(owner, ["start", "backup.capture", "--tenant", ready]);
    expect(busy.code).toBe(11);
    expect(busy.stdout).toContain(`Scope busy: Intune policies is held by Sync inventory — run ${runId} is queued.`);
    expect(busy.stdout).toContain("Try again when it finishes.");

    const { tenant, connection } = world.tenants.consentMissing;
    const blocked = await ops(owner, ["start", "inventory.sync", "--tenant", tenant.slug]);
    expect(blocked.code).toBe(12);
    expect(blocked.stdout).toBe(
      "Blocked: The provider connection has no admin consent in Microsoft Entra.\n" +
        `  Next step: Grant admin consent → ${server.url}/admin/provider-connections/${connection!.id}\n`,
    );
    // The blocked start created no run: the audit trail is where the CLI finds it, in the activity page's words.
    const trail = await ops(owner, ["activity", "--tenant", tenant.slug, "--blocked"]);
    expect(trail.code).toBe(0);
    expect(trail.stdout).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[^ ]+  Start blocked · Sync inventory — ${world.users.owner.displayName}\n    The provider connection has no admin consent in Microsoft Entra\\.\n`),
    );

    const readonly = await loggedIn(world.users.readonly.email);
    const forbidden = await ops(readonly, ["start", "directory.sync", "--tenant", ready]);
    expect(forbidden.code).toBe(3);
    expect(forbidden.stderr).toContain("(FORBIDDEN)");

    const foreign = await ops(owner, ["start", "inventory.sync", "--tenant", world.tenants.foreign.tenant.slug]);
    expect(foreign.code).toBe(4);
    expect(foreign.stderr).toContain("No such tenant. (NOT_FOUND)");

    const usage = await ops(owner, ["start", "tenant.delete", "--tenant", ready]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown operation "tenant.delete"');
    expect((await ops(owner, ["start", "inventory.sync"])).code).toBe(2);
    expect((await ops(owner, ["frobnicate"])).code).toBe(2);
  });

  it("--json prints the StartResult itself", async () => {
    const owner = await loggedIn(world.users.manager.email);
    const result = await ops(owner, ["start", "report.generate", "--tenant", world.tenants.ready.tenant.slug, "--target", "policy-inventory", "--json"]);
    expect(result.code).toBe(0);
    expect(StartResult.parse(JSON.parse(result.stdout))).toMatchObject({ outcome: "accepted", run: { operation: "report.generate" } });
  });
});

describe("ops start over many tenants", () => {
  it("--preview prints a line per tenant and the rollup, starts nothing, exits 12 when some are blocked", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const runsBefore = await prisma.operationRun.count();
    const preview = await ops(owner, ["start", "directory.sync", "--all", "--preview"]);
    expect(preview.code).toBe(12);
    expect(preview.stdout).toMatch(new RegExp(`${world.tenants.ready.tenant.slug}\\s+Ready\\s+would run with`));
    expect(preview.stdout).toMatch(new RegExp(`${world.tenants.consentMissing.tenant.slug}\\s+Blocked\\s+The provider connection has no admin consent`));
    expect(preview.stdout).toContain("1 will queue · 1 blocked (provider_consent_missing ×1)\n");
    expect(await prisma.operationRun.count()).toBe(runsBefore);

    expect((await ops(owner, ["start", "directory.sync", "--tag", "No such tag"])).code).toBe(4);
    expect((await ops(owner, ["start", "restore.execute", "--all"])).code).toBe(2);
    expect((await ops(owner, ["start", "directory.sync", "--all", "--tag", "EU"])).code).toBe(2);
    const hidden = await ops(owner, ["start", "directory.sync", "--tenants", world.tenants.foreign.tenant.slug]);
    expect(hidden.code).toBe(4);
  });

  it("--tag starts a batch over the tag's tenants; --wait follows it and exits 13 when a run failed", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const tag = await prisma.tag.create({ data: { workspaceId: world.workspaces.home.id, name: "Gold support" } });
    await prisma.tenantTag.create({ data: { tagId: tag.id, tenantId: world.tenants.ready.tenant.id, workspaceId: world.workspaces.home.id } });
    const finishTheRun = () =>
      void (async () => {
        const run = await prisma.operationRun.findFirstOrThrow({ where: { tenantId: world.tenants.ready.tenant.id, operation: "directory.sync", status: "queued" } });
        await startRun(prisma, run.id, { workerId: "test" });
        await finishRun(prisma, run.id, { status: "failed", reason: "provider_unavailable" });
      })();
    // (Earlier tests of this file hold the tenant's policies and reports scopes; directory is free.)
    const result = await ops(owner, ["start", "directory.sync", "--tag", "gold SUPPORT", "--wait", "--interval", "200"], finishTheRun);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(new RegExp(`${world.tenants.ready.tenant.slug}\\s+Queued\\s+run [0-9a-f-]{36}`));
    expect(result.stdout).toMatch(/Batch [0-9a-f-]{36} → http.*\/admin\/batches\//);
    expect(result.stdout).toMatch(/1 failed\n$/);
    expect(result.code).toBe(13);
  });
});

describe("ops start narrowed like the home's attention chips", () => {
  it("--failed and --secret-expiry narrow --all to the tenants the home's chips count; they refuse --tenants and unknown windows", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const ready = world.tenants.ready.tenant.slug; // seedWorld: Contoso has a run that failed just now
    const fabrikam = world.tenants.consentMissing.tenant.slug;
    const listed = (stdout: string) => [ready, fabrikam].filter((slug) => new RegExp(`^${slug}\\s`, "m").test(stdout));

    const failed = await ops(owner, ["start", "directory.sync", "--all", "--failed", "--preview"]);
    expect(failed.stderr).toBe("");
    expect(listed(failed.stdout)).toEqual([ready]);

    const connection = await prisma.providerConnection.findFirstOrThrow({ where: { tenantId: world.tenants.consentMissing.tenant.id } });
    await prisma.providerConnection.update({ where: { id: connection.id }, data: { clientSecretExpiresAt: new Date(Date.now() + 3 * 86_400_000) } });
    try {
      const expiring = await ops(owner, ["start", "directory.sync", "--all", "--secret-expiry", "7d", "--preview"]);
      expect(listed(expiring.stdout)).toEqual([fabrikam]);
      expect(expiring.code).toBe(12); // Fabrikam has no consent: blocked
    } finally {
      await prisma.providerConnection.update({ where: { id: connection.id }, data: { clientSecretExpiresAt: connection.clientSecretExpiresAt } });
    }

    const withList = await ops(owner, ["start", "directory.sync", "--tenants", ready, "--failed"]);
    expect(withList.code).toBe(2);
    expect(withList.stderr).toContain("--failed and --secret-expiry narrow --all or --tag");
    const unknownWindow = await ops(owner, ["start", "directory.sync", "--all", "--secret-expiry", "2d"]);
    expect(unknownWindow.code).toBe(2);
    expect(unknownWindow.stderr).toContain("--secret-expiry must be one of expired, 1d, 7d, 30d");
  });
});

describe("ops tenants, preview, runs, run", () => {
  it("lists tenants with readiness and previews without starting", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const tenants = await ops(owner, ["tenants"]);
    expect(tenants.code).toBe(0);
    expect(tenants.stdout).toContain(world.tenants.consentMissing.tenant.slug);
    expect(tenants.stdout).toContain("Blocked: The provider connection has no admin consent in Microsoft Entra.");

    const runsBefore = await prisma.operationRun.count();
    const preview = await ops(owner, ["preview", "directory.sync", "--tenant", world.tenants.ready.tenant.slug]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^Ready: would run with Contoso Graph app/);
    const blocked = await ops(owner, ["preview", "directory.sync", "--tenant", world.tenants.consentMissing.tenant.slug]);
    expect(blocked.code).toBe(12);
    expect(await prisma.operationRun.count()).toBe(runsBefore);
  });

  it("runs filters by tenant and status; run --watch follows a run to its end", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const runs = await ops(owner, ["runs", "--tenant", world.tenants.ready.tenant.slug, "--status", "failed"]);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toContain(world.home.failedRun.id);
    expect((await ops(owner, ["runs", "--status", "sleeping"])).code).toBe(2);

    const detail = await ops(owner, ["run", world.home.failedRun.id]);
    expect(detail.code).toBe(0);
    expect(detail.stdout).toContain("Sync inventory on Contoso");
    expect(detail.stdout).toContain("Microsoft Graph was unavailable.");

    const queued = await prisma.operationRun.create({
      data: {
        tenantId: world.tenants.consentMissing.tenant.id,
        operation: "directory.sync",
        targetKind: "tenant",
        targetId: world.tenants.consentMissing.tenant.id,
        scopeKey: "directory",
        initiatorKind: "system",
      },
    });
    // The "worker" finishes the run once the command has printed its first status line.
    const finish = () =>
      void (async () => {
        await prisma.operationRun.update({ where: { id: queued.id }, data: { status: "running", startedAt: new Date() } });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await prisma.operationRun.update({ where: { id: queued.id }, data: { status: "succeeded", finishedAt: new Date(), itemsSeen: 7 } });
      })();
    const watched = await ops(owner, ["run", queued.id, "--watch", "--interval", "100"], finish);
    expect(watched.code).toBe(0);
    const statuses = watched.stdout.split("\n").filter((line) => /^\d{4}-\d\d-\d\dT/.test(line)).map((line) => line.split(/\s+/)[1]);
    expect(statuses[0]).toBe("Queued");
    expect(statuses.at(-1)).toBe("Succeeded");
    expect(watched.stdout).toContain("items seen 7, changed 0, failed 0");

    const missing = await ops(owner, ["run", world.away.failedRun.id]);
    expect(missing.code).toBe(4);
  });
});

/** A connection check admitted through the gate and ended the way the worker ends it. */
async function endedCheck(db: PrismaClient, tenantId: string, connectionId: string, ending: FinishRunInput): Promise<void> {
  const started = await startOperation(db, {
    tenantId,
    operation: "connection.check",
    target: { kind: "provider_connection", id: connectionId },
    initiator: { kind: "system" },
  });
  if (started.outcome !== "accepted") throw new Error(`expected accepted, got ${started.outcome}`);
  if (!(await startRun(db, started.run.id, { workerId: "test" })).ok) throw new Error("claim refused");
  if (!(await finishRun(db, started.run.id, ending)).ok) throw new Error("finish refused");
}

describe("ops and the provider's last word, ops and a restore's confirmation", () => {
  it("a failed check flips preview and tenants to Blocked; a passing check flips them back", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const { tenant, connection } = await seedTenant(prisma, world.workspaces.home.id, { name: "Litware" });
    const preview = () => ops(owner, ["preview", "inventory.sync", "--tenant", tenant.slug]);
    expect((await preview()).code).toBe(0);

    await endedCheck(prisma, tenant.id, connection!.id, { status: "failed", reason: "provider_credentials_expired", detail: "AADSTS7000222" });
    const blocked = await preview();
    expect(blocked.code).toBe(12);
    expect(blocked.stdout).toBe(
      "Blocked: The provider connection's client secret has expired or was rejected.\n" +
        `  Next step: Rotate the client secret → ${server.url}/admin/provider-connections/${connection!.id}\n`,
    );
    const listed = await ops(owner, ["tenants"]);
    expect(listed.stdout.split("\n").find((line) => line.startsWith(tenant.slug))).toContain(
      "Blocked: The provider connection's client secret has expired or was rejected.",
    );
    expect((await ops(owner, ["start", "inventory.sync", "--tenant", tenant.slug])).code).toBe(12);

    await endedCheck(prisma, tenant.id, connection!.id, { status: "succeeded" });
    const ready = await preview();
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^Ready: /);
    expect((await ops(owner, ["tenants"])).stdout.split("\n").find((line) => line.startsWith(tenant.slug))).toMatch(/ Ready$/);
  });

  it("start restore.execute is refused without --confirm-tenant and accepted with it", async () => {
    const owner = await loggedIn(world.users.owner.email);
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id, { name: "Wingtip" });
    const set = await seedBackupSet(prisma, tenant.id);
    const unconfirmed = await ops(owner, ["start", "restore.execute", "--tenant", tenant.slug, "--target", set.id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("confirmTenant");
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);

    const confirmed = await ops(owner, ["start", "restore.execute", "--tenant", tenant.slug, "--target", set.id, "--confirm-tenant", tenant.slug]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Queued: Restore backup — run /);
  });
});

describe("ops when the address does not answer as the API", () => {
  /** A server that is not the admin app (a proxy's error page, another app on the port). */
  async function foreignServer(status: number, contentType: string, body: string): Promise<{ url: string; server: Server }> {
    const foreign = createServer((_req, res) => res.writeHead(status, { "content-type": contentType }).end(body));
    foreign.listen(0, "127.0.0.1");
    await once(foreign, "listening");
    return { url: `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`, server: foreign };
  }

  /** One line on stderr, exit 1, no stack trace. */
  function expectOneLine(result: Run, line: RegExp) {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(line);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }

  it("unreachable, a proxy's 503 page, another app's HTML or JSON: exit 1 with one line saying so", async () => {
    const dir = await loggedIn(world.users.operator.email);
    const closed = `http://127.0.0.1:${await findFreePort()}`;
    expectOneLine(await ops(dir, ["tenants", "--url", closed]), new RegExp(`^error: cannot reach ${closed} \\(connection refused\\)\\. Is the admin app running there\\?$`));

    const unavailable = await foreignServer(503, "text/html", "<html><body>Service Unavailable</body></html>");
    const html = await foreignServer(200, "text/html", "<html>hello</html>");
    const json = await foreignServer(502, "application/json", '{"message":"bad gateway"}');
    try {
      expectOneLine(
        await ops(dir, ["runs", "--url", unavailable.url]),
        new RegExp(`^error: ${unavailable.url} answered 503 Service Unavailable, not as the TenantPilot API: try again shortly, or check --url\\.$`),
      );
      expectOneLine(await ops(dir, ["tenants", "--url", html.url]), new RegExp(`^error: ${html.url} answered 200 OK, not as the TenantPilot API: check --url\\.$`));
      expectOneLine(await ops(dir, ["tenants", "--url", json.url]), new RegExp(`^error: ${json.url} answered 502 Bad Gateway, not as the TenantPilot API: try again shortly, or check --url\\.$`));
      expectOneLine(
        await ops(configDir(), ["login", "--email", "a@example.test", "--password", "x", "--url", unavailable.url]),
        /answered 503 Service Unavailable, not as the TenantPilot API/,
      );
    } finally {
      for (const { server: foreign } of [unavailable, html, json]) foreign.close();
    }
  });

  it("the admin app itself answering 503 (its database is down): exit 1 with its message", async () => {
    const dir = await loggedIn(world.users.operator.email);
    const unreachable = createPrismaClient(`postgresql://postgres:x@127.0.0.1:${await findFreePort()}/nothing`, { maxConnections: 2 });
    const down = await startAdminServer(unreachable);
    try {
      expectOneLine(await ops(dir, ["tenants", "--url", down.url]), /^error: The database is unavailable; try again shortly\. \(SERVICE_UNAVAILABLE\)$/);
    } finally {
      await down.close();
      await unreachable.$disconnect();
    }
  });

  it("an address that is not an http(s) URL is bad usage (exit 2), from --url or TENANTPILOT_URL", async () => {
    const dir = await loggedIn(world.users.operator.email);
    for (const url of ["notaurl", "ftp://example.test", "http://"]) {
      const result = await ops(dir, ["tenants", "--url", url]);
      expect(result.code, url).toBe(2);
      expect(result.stderr.split("\n")[0], url).toBe(`error: the admin app's address must be an http:// or https:// URL (got "${url}")`);
    }
    const login = await ops(configDir(), ["login", "--email", "a@example.test", "--password", "x", "--url", "notaurl"]);
    expect(login.code).toBe(2);
    const fromEnv = await ops(dir, ["runs"], undefined, { TENANTPILOT_URL: "localhost:3000" });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr.split("\n")[0]).toBe('error: the admin app\'s address must be an http:// or https:// URL (got "localhost:3000")');
  });
});
