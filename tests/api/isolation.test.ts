// Tenant isolation over the whole API, driven by the router's own procedure list: every
// procedure must appear in `guards` (an unknown path fails the suite), and every guard is
// exercised — anonymous → UNAUTHORIZED; another workspace's member, a member not entitled to the
// tenant and a random id → the same NOT_FOUND (code and message); a member without the
// capability → FORBIDDEN; nothing written by any rejected call; the entitled member gets through.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { appRouter } from "@tenantpilot/api";
import { roleCapabilities } from "@tenantpilot/auth";
import type { Capability } from "@tenantpilot/dispatch-gate/contract";
import type { PrismaClient } from "@tenantpilot/db";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment, type TestUser } from "./support/api-caller";
import { seedWorld, type World } from "./support/world";
import { seedInventoryItem, seedReport } from "../../packages/api/test/read-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

type Input = Record<string, unknown> | undefined;
type Scoped = "tenant" | "tenantScope" | "operation" | "connection" | "run" | "backupSet";

/** How a procedure is guarded, and how to address the resource it takes. */
type WorkspaceRow = "tag" | "batch" | "schedule";
type Keyed = Scoped | WorkspaceRow | "workspace" | "draft" | "ownNotification" | "ownApiToken";
/** A capability-guarded procedure: what it needs, how to address the resource, and — when the seeded resource is not in a state the call accepts — what the entitled member gets. */
interface Guarded<K extends string, I> {
  kind: K;
  capability: Capability;
  input: I;
  allowedAnswer?: "PRECONDITION_FAILED";
}
type Guard =
  | { kind: "public" }
  | { kind: "authed"; input?: Input }
  | { kind: "session"; input: Input }
  | Guarded<Scoped | WorkspaceRow, (key: string, world: GuardWorld) => Input>
  | Guarded<"workspace" | "draft", (key: string) => Input>
  | { kind: "ownNotification"; input: (id: string) => Input }
  | { kind: "ownApiToken"; input: (id: string) => Input };

const slug = () => `t-${randomUUID().slice(0, 8)}`;

/** The world, plus rows that reads inside a tenant address by their own id (the home tenant's). */
type GuardWorld = World & { reads: { inventoryItemId: string; reportId: string } };

async function seedGuardWorld(): Promise<GuardWorld> {
  const world = await seedWorld(prisma);
  const tenantId = world.tenants.ready.tenant.id;
  const item = await seedInventoryItem(prisma, tenantId, { displayName: "Baseline" });
  const report = await seedReport(prisma, tenantId, {});
  return { ...world, reads: { inventoryItemId: item.id, reportId: report.id } };
}

const guards: Record<string, Guard> = {
  "auth.login": { kind: "public" },
  "auth.logout": { kind: "public" },
  "auth.logoutEverywhere": { kind: "authed" },
  "auth.me": { kind: "authed" },
  "apiTokens.create": { kind: "session", input: { name: "isolation" } },
  "apiTokens.list": { kind: "authed" },
  "apiTokens.revoke": { kind: "ownApiToken", input: (tokenId) => ({ tokenId }) },
  "tenants.list": { kind: "authed" },
  "tenants.summary": { kind: "workspace", capability: "tenants.read", input: (workspace) => ({ workspace }) },
  "tenants.detail": { kind: "tenant", capability: "tenants.read", input: (tenant) => ({ tenant }) },
  "tenants.archive": { kind: "tenant", capability: "tenants.archive", input: (tenant) => ({ tenant }) },
  "tenants.unarchive": { kind: "tenant", capability: "tenants.archive", input: (tenant) => ({ tenant }) },
  "tags.list": { kind: "workspace", capability: "tenants.read", input: (workspace) => ({ workspace }) },
  "tags.create": { kind: "workspace", capability: "tags.manage", input: (workspace) => ({ workspace, name: `EU ${slug()}` }) },
  "tags.rename": { kind: "tag", capability: "tags.manage", input: (tagId) => ({ tagId, name: `Gold ${slug()}` }) },
  "tags.delete": { kind: "tag", capability: "tags.manage", input: (tagId) => ({ tagId }) },
  "tags.addTenants": { kind: "tag", capability: "tags.manage", input: (tagId, world) => ({ tagId, tenants: [world.tenants.ready.tenant.slug] }) },
  "tags.removeTenants": { kind: "tag", capability: "tags.manage", input: (tagId, world) => ({ tagId, tenants: [world.tenants.ready.tenant.slug] }) },
  "operations.previewMany": {
    kind: "workspace",
    capability: "operations.start",
    input: (workspace) => ({ workspace, operation: "inventory.sync", selection: { kind: "filter", filter: {} } }),
  },
  "operations.startMany": {
    kind: "workspace",
    capability: "operations.start",
    input: (workspace) => ({ workspace, operation: "inventory.sync", selection: { kind: "filter", filter: {} }, idempotencyKey: randomUUID() }),
  },
  "batches.list": { kind: "workspace", capability: "tenants.read", input: (workspace) => ({ workspace }) },
  "batches.detail": { kind: "batch", capability: "tenants.read", input: (batchId) => ({ batchId }) },
  // The seeded batch's only row was blocked and its tenant is ready now: the retry is a new batch.
  "batches.retry": { kind: "batch", capability: "operations.start", input: (batchId) => ({ batchId, idempotencyKey: randomUUID() }) },
  "batches.watch": { kind: "batch", capability: "tenants.read", input: (batchId) => ({ batchId }) },
  "schedules.list": { kind: "workspace", capability: "tenants.read", input: (workspace) => ({ workspace }) },
  "schedules.create": {
    kind: "workspace",
    capability: "schedules.manage",
    input: (workspace) => ({ workspace, name: "Weekly backup", operation: "backup.capture", selection: { kind: "filter", filter: {} }, cadence: "weekly", weekday: 1, time: "22:30" }),
  },
  "schedules.update": {
    kind: "schedule",
    capability: "schedules.manage",
    input: (scheduleId) => ({ scheduleId, name: "Nightly directory sync", operation: "directory.sync", selection: { kind: "filter", filter: {} }, cadence: "daily", time: "01:15" }),
  },
  "schedules.pause": { kind: "schedule", capability: "schedules.manage", input: (scheduleId) => ({ scheduleId }) },
  "schedules.resume": { kind: "schedule", capability: "schedules.manage", input: (scheduleId) => ({ scheduleId }) },
  "schedules.delete": { kind: "schedule", capability: "schedules.manage", input: (scheduleId) => ({ scheduleId }) },
  "workspaces.settings": { kind: "workspace", capability: "tenants.read", input: (workspace) => ({ workspace }) },
  "workspaces.updateSettings": { kind: "workspace", capability: "schedules.manage", input: (workspace) => ({ workspace, timeZone: "Europe/Berlin" }) },
  "workspaces.members": { kind: "workspace", capability: "audit.read", input: (workspace) => ({ workspace }) },
  "webhooks.detail": { kind: "workspace", capability: "webhooks.manage", input: (workspace) => ({ workspace }) },
  "webhooks.configure": { kind: "workspace", capability: "webhooks.manage", input: (workspace) => ({ workspace, url: "https://hooks.example.com/tenantpilot" }) },
  // The seeded workspace has no webhook: rotating its secret is refused past authorization.
  "webhooks.rotateSecret": { kind: "workspace", capability: "webhooks.manage", input: (workspace) => ({ workspace }), allowedAnswer: "PRECONDITION_FAILED" },
  "webhooks.remove": { kind: "workspace", capability: "webhooks.manage", input: (workspace) => ({ workspace }) },
  "connections.list": { kind: "tenantScope", capability: "tenants.read", input: (tenant) => ({ tenant }) },
  "connections.detail": { kind: "connection", capability: "tenants.read", input: (connectionId) => ({ connectionId }) },
  "connections.create": {
    kind: "tenant",
    capability: "connections.manage",
    input: (tenant) => ({ tenant, displayName: "Second app", clientId: randomUUID(), clientSecret: "s3cret-value" }),
  },
  "connections.update": {
    kind: "connection",
    capability: "connections.manage",
    input: (connectionId) => ({ connectionId, displayName: "Renamed" }),
  },
  "connections.rotateSecret": {
    kind: "connection",
    capability: "connections.manage",
    input: (connectionId) => ({ connectionId, clientSecret: "n3w-secret" }),
  },
  "connections.setPrimary": { kind: "connection", capability: "connections.manage", input: (connectionId) => ({ connectionId }) },
  "connections.disable": { kind: "connection", capability: "connections.manage", input: (connectionId) => ({ connectionId }) },
  "connections.consentLink": { kind: "connection", capability: "connections.manage", input: (connectionId) => ({ connectionId }) },
  "onboarding.begin": {
    kind: "workspace",
    capability: "onboarding.manage",
    input: (workspace) => ({ workspace, tenant: { displayName: "New", slug: slug(), microsoftTenantId: randomUUID() } }),
  },
  // The seeded tenant is active: resuming its onboarding is refused past authorization.
  "onboarding.resume": { kind: "tenant", capability: "onboarding.manage", input: (tenant) => ({ tenant }), allowedAnswer: "PRECONDITION_FAILED" },
  "onboarding.list": { kind: "workspace", capability: "onboarding.manage", input: (workspace) => ({ workspace }) },
  "onboarding.get": { kind: "draft", capability: "onboarding.manage", input: (draftId) => ({ draftId }) },
  // The seeded draft is still at its first step (a draft from before drafts were made by their first save).
  "onboarding.advance": {
    kind: "draft",
    capability: "onboarding.manage",
    input: (draftId) => ({ draftId, step: "verify" }),
    allowedAnswer: "PRECONDITION_FAILED",
  },
  // The seeded draft is at its first step: completing it is refused past authorization.
  "onboarding.complete": {
    kind: "draft",
    capability: "onboarding.manage",
    input: (draftId) => ({ draftId }),
    allowedAnswer: "PRECONDITION_FAILED",
  },
  "onboarding.cancel": { kind: "draft", capability: "onboarding.manage", input: (draftId) => ({ draftId }) },
  "operations.preview": {
    kind: "operation",
    capability: "operations.start",
    input: (tenant) => ({ tenant, operation: "inventory.sync" }),
  },
  "operations.start": {
    kind: "operation",
    capability: "operations.start",
    input: (tenant) => ({ tenant, operation: "inventory.sync" }),
  },
  "operations.list": { kind: "tenantScope", capability: "tenants.read", input: (tenant) => ({ tenant }) },
  "operations.detail": { kind: "run", capability: "tenants.read", input: (runId) => ({ runId }) },
  "operations.summary": { kind: "tenant", capability: "tenants.read", input: (tenant) => ({ tenant, operation: "inventory.sync" }) },
  // The seeded run is an inventory.sync: retrying it needs what starting it needs.
  "operations.retry": { kind: "run", capability: "operations.start", input: (runId) => ({ runId }) },
  "operations.cancel": { kind: "run", capability: "runs.cancel", input: (runId) => ({ runId }) },
  "operations.watch": { kind: "run", capability: "tenants.read", input: (runId) => ({ runIds: [runId] }) },
  "backupSets.list": { kind: "tenant", capability: "tenants.read", input: (tenant) => ({ tenant }) },
  "backupSets.detail": { kind: "backupSet", capability: "tenants.read", input: (backupSetId) => ({ backupSetId }) },
  "backupSets.restorePreview": { kind: "backupSet", capability: "operations.restore", input: (backupSetId) => ({ backupSetId }) },
  "notifications.list": { kind: "authed" },
  "notifications.markRead": { kind: "ownNotification", input: (id) => ({ ids: [id] }) },
  "notifications.markAllRead": { kind: "authed" },
  "audit.list": { kind: "tenant", capability: "audit.read", input: (tenant) => ({ tenant }) },
  "activity.list": { kind: "workspace", capability: "audit.read", input: (workspace) => ({ workspace }) },
  "inventory.list": { kind: "tenant", capability: "tenants.read", input: (tenant) => ({ tenant }) },
  "inventory.detail": { kind: "tenant", capability: "tenants.read", input: (tenant, world) => ({ tenant, itemId: world.reads.inventoryItemId }) },
  "directory.list": { kind: "tenant", capability: "tenants.read", input: (tenant) => ({ tenant }) },
  "reports.list": { kind: "tenant", capability: "tenants.read", input: (tenant) => ({ tenant }) },
  "reports.detail": { kind: "tenant", capability: "tenants.read", input: (tenant, world) => ({ tenant, reportId: world.reads.reportId }) },
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;

async function call(path: string, user: TestUser | null, input: Input): Promise<unknown> {
  const procedure = procedures[path];
  if (!procedure) throw new Error(`no procedure ${path}`);
  const caller = callerAs(env, user) as unknown as Record<string, Record<string, (input: Input) => Promise<unknown>>>;
  const [area = "", name = ""] = path.split(".");
  const fn = caller[area]?.[name];
  if (!fn) throw new Error(`caller has no ${path}`);
  return fn(input);
}

/** The key of the resource a scoped guard addresses: the home one, the foreign one, or one that does not exist. */
function keyOf(kind: Keyed, world: World, which: "home" | "away"): string {
  const tenant = which === "home" ? world.tenants.ready : world.tenants.foreign;
  const resources = which === "home" ? world.home : world.away;
  switch (kind) {
    case "tenant":
    case "tenantScope":
    case "operation":
      return tenant.tenant.slug;
    case "connection":
      return tenant.connection!.id;
    case "run":
      return resources.failedRun.id;
    case "backupSet":
      return resources.backupSet.id;
    case "workspace":
      return (which === "home" ? world.workspaces.home : world.workspaces.other).slug;
    case "draft":
      return resources.draft.id;
    case "ownNotification":
      return resources.notification.id;
    case "ownApiToken":
      return resources.apiToken.id;
    case "tag":
      return resources.tag.id;
    case "batch":
      return resources.batch.id;
    case "schedule":
      return resources.schedule.id;
  }
}

function randomKey(kind: Keyed): string {
  return kind === "tenant" || kind === "tenantScope" || kind === "operation" || kind === "workspace" ? `no-such-${randomUUID().slice(0, 8)}` : randomUUID();
}

/** Row counts and last-update times of everything a procedure could write. */
async function writeFingerprint(db: PrismaClient): Promise<string> {
  const [row] = await db.$queryRaw<unknown[]>`
    SELECT (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT count(*) FROM operation_runs)::int AS runs,
           (SELECT count(*) FROM graphile_worker._private_jobs)::int AS jobs,
           (SELECT count(*) FROM provider_connections)::int AS connections,
           (SELECT max(updated_at) FROM provider_connections) AS connections_at,
           (SELECT count(*) FROM onboarding_drafts)::int AS drafts,
           (SELECT max(updated_at) FROM onboarding_drafts) AS drafts_at,
           (SELECT count(*) FROM tenants)::int AS tenants,
           (SELECT max(updated_at) FROM tenants) AS tenants_at,
           (SELECT max(updated_at) FROM operation_runs) AS runs_at,
           (SELECT count(*) FROM notifications WHERE read_at IS NOT NULL)::int AS read_notifications,
           (SELECT count(*) FROM api_tokens WHERE revoked_at IS NOT NULL)::int AS revoked_tokens,
           (SELECT count(*) FROM api_tokens)::int AS tokens,
           (SELECT count(*) FROM sessions)::int AS sessions`;
  return JSON.stringify(row);
}

describe("the guard table", () => {
  it("covers every procedure of the router, and nothing else", () => {
    const paths = Object.keys(procedures).sort();
    const unguarded = paths.filter((path) => !(path in guards));
    const stale = Object.keys(guards).filter((path) => !(path in procedures));
    expect(unguarded, "procedures without an entry in the guard table").toEqual([]);
    expect(stale, "guard entries for procedures that do not exist").toEqual([]);
    expect(paths.length).toBeGreaterThanOrEqual(35);
  });
});

describe.each(Object.entries(guards))("%s", (path, guard) => {
  if (guard.kind === "public") {
    it("is callable without credentials", async () => {
      const world = await seedWorld(prisma);
      const outcome = await call(path, null, path === "auth.login" ? { email: world.users.owner.email, password: "wrong password!" } : undefined).then(
        () => null,
        (error: { code?: string }) => error.code,
      );
      // Public: never UNAUTHORIZED for lack of a session (login answers UNAUTHORIZED for a bad password, itself).
      if (path === "auth.login") expect(outcome).toBe("UNAUTHORIZED");
      else expect(outcome).toBeNull();
    });
    return;
  }

  it("rejects anonymous callers with UNAUTHORIZED and writes nothing", async () => {
    const world = await seedGuardWorld();
    const input = guard.kind === "authed" || guard.kind === "session" ? guard.input : guard.input(keyOf(guard.kind, world, "home"), world);
    const before = await writeFingerprint(prisma);
    expect((await rejection(call(path, null, input))).code).toBe("UNAUTHORIZED");
    expect(await writeFingerprint(prisma)).toBe(before);
  });

  if (guard.kind === "authed" || guard.kind === "session") {
    it("shows a user only their own data", async () => {
      const world = await seedWorld(prisma);
      const result = JSON.stringify(await call(path, world.users.outsider, guard.input));
      for (const id of [world.tenants.ready.tenant.id, world.tenants.consentMissing.tenant.id, world.home.notification.id, world.home.apiToken.id]) {
        expect(result).not.toContain(id);
      }
    });
    return;
  }

  if (guard.kind === "ownNotification" || guard.kind === "ownApiToken") {
    it("answers someone else's id exactly like a random id, and writes nothing", async () => {
      const world = await seedWorld(prisma);
      const before = await writeFingerprint(prisma);
      const random = await rejection(call(path, world.users.owner, guard.input(randomUUID())));
      expect(random.code).toBe("NOT_FOUND");
      // The outsider's own resource, addressed by the home owner; and the owner's, by a colleague.
      expect(await rejection(call(path, world.users.owner, guard.input(keyOf(guard.kind, world, "away"))))).toEqual(random);
      expect(await rejection(call(path, world.users.manager, guard.input(keyOf(guard.kind, world, "home"))))).toEqual(random);
      expect(await writeFingerprint(prisma)).toBe(before);
      await call(path, world.users.owner, guard.input(keyOf(guard.kind, world, "home")));
    });
    return;
  }

  it("answers foreign and unentitled resources exactly like random ids (NOT_FOUND), and writes nothing", async () => {
    const world = await seedGuardWorld();
    const before = await writeFingerprint(prisma);
    const random = await rejection(call(path, world.users.owner, guard.input(randomKey(guard.kind), world)));
    expect(random.code).toBe("NOT_FOUND");

    const home = guard.input(keyOf(guard.kind, world, "home"), world);
    const away = guard.input(keyOf(guard.kind, world, "away"), world);
    // A member of another workspace, both ways round.
    expect(await rejection(call(path, world.users.outsider, home))).toEqual(random);
    expect(await rejection(call(path, world.users.owner, away))).toEqual(random);
    if (guard.kind !== "workspace" && guard.kind !== "draft" && guard.kind !== "tag" && guard.kind !== "batch" && guard.kind !== "schedule") {
      // A member of the same workspace who is not entitled to this tenant (an owner, even).
      expect(await rejection(call(path, world.users.restricted, home))).toEqual(random);
    }
    expect(await writeFingerprint(prisma)).toBe(before);
  });

  it(`needs ${guard.capability}: FORBIDDEN for a member without it, allowed for one with it`, async () => {
    const world = await seedGuardWorld();
    const home = guard.input(keyOf(guard.kind, world, "home"), world);
    const without = (["readonly", "operator"] as const).find((role) => !roleCapabilities[role].includes(guard.capability));
    if (without) {
      const before = await writeFingerprint(prisma);
      const denied = await rejection(call(path, world.users[without], home));
      expect(denied.code).toBe("FORBIDDEN");
      expect(await writeFingerprint(prisma)).toBe(before);
    }
    const allowed = await call(path, world.users.owner, home).then(
      () => "ok",
      (error: { code?: string }) => error.code ?? "error",
    );
    expect(allowed).toBe(("allowedAnswer" in guard ? guard.allowedAnswer : undefined) ?? "ok");
  });

  if (guard.kind === "tenantScope") {
    it("without a tenant, lists only tenants the caller is entitled to", async () => {
      const world = await seedWorld(prisma);
      const result = JSON.stringify(await call(path, world.users.restricted, {}));
      expect(result).not.toContain(world.tenants.ready.tenant.id);
      expect(result).not.toContain(world.tenants.foreign.tenant.id);
    });
  }
});

describe("capabilities that depend on the operation", () => {
  it("an operator may start inventory.sync but not restore.execute (FORBIDDEN, not blocked)", async () => {
    const world = await seedWorld(prisma);
    const operator = callerAs(env, world.users.operator);
    const tenant = world.tenants.ready.tenant.slug;
    await expect(operator.operations.preview({ tenant, operation: "inventory.sync" })).resolves.toMatchObject({ outcome: "ready" });
    const denied = await rejection(operator.operations.start({ tenant, operation: "restore.execute", target: world.home.backupSet.id }));
    expect(denied.code).toBe("FORBIDDEN");
    expect(await prisma.auditLogEntry.count({ where: { tenantId: world.tenants.ready.tenant.id, action: "operation.blocked" } })).toBe(0);
  });

  it("a tenant id works like its slug, and a foreign tenant id like a random one", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    await expect(owner.tenants.detail({ tenant: world.tenants.ready.tenant.id })).resolves.toMatchObject({
      tenant: { slug: world.tenants.ready.tenant.slug },
    });
    const random = await rejection(owner.tenants.detail({ tenant: randomUUID() }));
    expect(await rejection(owner.tenants.detail({ tenant: world.tenants.foreign.tenant.id }))).toEqual(random);
    expect(random).toEqual({ code: "NOT_FOUND", message: "No such tenant." });
  });
});

describe("rows addressed by their own id inside a tenant", () => {
  // The tenant is checked by the guard; the row must also belong to it. Another tenant's row (of
  // the same workspace, or of another) answers exactly like a random id, and nothing is written.
  const reads = {
    "inventory.detail": {
      seed: async (tenantId: string) => (await seedInventoryItem(prisma, tenantId, { displayName: "Baseline" })).id,
      input: (tenant: string, id: string) => ({ tenant, itemId: id }),
    },
    "reports.detail": {
      seed: async (tenantId: string) => (await seedReport(prisma, tenantId, {})).id,
      input: (tenant: string, id: string) => ({ tenant, reportId: id }),
    },
  } as const;

  it.each(Object.entries(reads))("%s: another tenant's id is a random id", async (path, read) => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant.slug;
    const sibling = await read.seed(world.tenants.consentMissing.tenant.id);
    const foreign = await read.seed(world.tenants.foreign.tenant.id);
    const before = await writeFingerprint(prisma);
    const random = await rejection(call(path, world.users.owner, read.input(tenant, randomUUID())));
    expect(random.code).toBe("NOT_FOUND");
    expect(await rejection(call(path, world.users.owner, read.input(tenant, sibling)))).toEqual(random);
    expect(await rejection(call(path, world.users.owner, read.input(tenant, foreign)))).toEqual(random);
    expect(await writeFingerprint(prisma)).toBe(before);
    // Addressed through its own tenant, the sibling's row is there.
    await expect(call(path, world.users.owner, read.input(world.tenants.consentMissing.tenant.slug, sibling))).resolves.toMatchObject({ id: sibling });
  });
});
