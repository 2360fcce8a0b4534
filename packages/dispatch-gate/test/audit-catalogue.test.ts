import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit, startOperation } from "../src";
import { auditActions, auditCatalog, describeAuditEntry, parseAuditRecord, type AuditEntryView, type AuditRecord } from "../src/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedTenant, seedUser } from "./fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

/** One readable record per action (what each writer records). */
const samples: { [A in AuditRecord["action"]]: Extract<AuditRecord, { action: A }>["details"] } = {
  "operation.blocked": { message: "The provider connection lacks the Microsoft Graph permission: User.Read.All.", missingPermissions: ["User.Read.All"] },
  "operation.accepted": {
    target: { kind: "backup_set", id: "set-1" },
    connection: { id: "c-1", displayName: "Contoso app" },
    selectedItems: 2,
  },
  "run.cancelled": {},
  "run.cancellation_requested": {},
  "connection.created": { name: "Contoso app", clientId: "c1", isPrimary: true, hasSecret: false },
  "connection.updated": { name: "Contoso app", changed: ["displayName", "clientId"], identityVersion: 3 },
  "connection.secret_rotated": { name: "Contoso app", identityVersion: 4, secretExpiresAt: "2027-01-31T00:00:00.000Z" },
  "connection.primary_set": { name: "Contoso app" },
  "connection.disabled": {},
  "onboarding.started": {},
  "onboarding.details_saved": { slug: "contoso" },
  "onboarding.connection_saved": { connectionId: randomUUID() },
  "onboarding.verify_started": { outcome: "accepted" },
  "onboarding.first_sync_started": { outcome: "blocked" },
  "onboarding.tenant_activated": { runId: randomUUID() },
  "onboarding.completed": {},
  "onboarding.resumed": { step: "connection" },
  "onboarding.cancelled": { step: "verify" },
  "batch.started": { rollup: { total: 3, byOutcome: { accepted: 2, deduped: 0, scope_busy: 0, blocked: 1 }, blockedByReason: { provider_consent_missing: 1 } } },
  "tenant.archived": {},
  "tenant.unarchived": {},
  "tag.created": { name: "EU" },
  "tag.renamed": { from: "EU", to: "Europe" },
  "tag.deleted": { name: "Europe" },
  "tag.tenants_added": { tenantIds: [randomUUID(), randomUUID()], changed: 1 },
  "tag.tenants_removed": { tenantIds: [randomUUID()], changed: 1 },
  "schedule.created": { name: "Nightly", operation: "inventory.sync", selection: { kind: "filter", filter: {} }, cadence: "weekly", weekday: 1, time: "02:00" },
  "schedule.updated": { name: "Nightly", operation: "report.generate", reportKind: "device-compliance", selection: { kind: "tenants", tenants: ["contoso"] }, cadence: "daily", time: "03:30" },
  "schedule.paused": {},
  "schedule.resumed": {},
  "schedule.deleted": {},
  "workspace.settings_changed": { timeZone: "Europe/Berlin", batchRunCap: 8 },
  "webhook.configured": { host: "hooks.example.com", enabled: false, created: true },
  "webhook.secret_rotated": {},
  "webhook.removed": {},
};

const view = (action: string, details: unknown, actor: AuditEntryView["actor"] = { kind: "user", name: "Ada" }): AuditEntryView => ({
  record: parseAuditRecord(action, details),
  action,
  actor,
  operation: action === "operation.blocked" ? "directory.sync" : null,
  reason: action === "operation.blocked" ? "provider_permission_missing" : null,
});

describe("the audit catalogue", () => {
  it("reads back what each action records, and words every action", () => {
    expect(Object.keys(samples).sort()).toEqual([...auditActions].sort());
    for (const action of auditActions) {
      expect(parseAuditRecord(action, samples[action]), action).toEqual({ action, details: samples[action] });
      const words = describeAuditEntry(view(action, samples[action]), { tenantSlug: "contoso" });
      expect(words.title).toBe(auditCatalog[action].words);
      expect(words.summary).toBe(`${auditCatalog[action].words} by Ada`);
    }
  });

  it("says what the details recorded, in the shared words", () => {
    const detail = (action: keyof typeof samples) => describeAuditEntry(view(action, samples[action]), { tenantSlug: "contoso" }).detail;
    expect(detail("operation.blocked")).toBe("The provider connection lacks the Microsoft Graph permission: User.Read.All.");
    expect(detail("connection.updated")).toBe("Changed: displayName, clientId (identity version 3).");
    expect(detail("connection.secret_rotated")).toBe("Identity version 4; expires 2027-01-31.");
    expect(detail("onboarding.verify_started")).toBe("The connection check answered: Queued.");
    expect(detail("onboarding.cancelled")).toBe("Cancelled at “Verify”.");
    expect(detail("run.cancelled")).toBeNull();
    expect(detail("batch.started")).toBe("3 tenants: 2 Queued, 1 Blocked.");
    expect(detail("tag.renamed")).toBe("“EU” → “Europe”.");
    expect(detail("tag.tenants_added")).toBe("1 of 2 tenants changed.");
    expect(detail("schedule.created")).toBe("“Nightly”: Sync inventory, every Monday at 02:00.");
    expect(detail("schedule.updated")).toBe("“Nightly”: Generate report, every day at 03:30.");
    expect(detail("workspace.settings_changed")).toBe("Time zone Europe/Berlin; batch run cap 8.");
    expect(detail("operation.accepted")).toBe("Queued on connection “Contoso app”, 2 selected policies.");
    expect(detail("onboarding.resumed")).toBe("Resumed at “Connection and consent”.");
    expect(detail("webhook.configured")).toBe("Created: delivers to hooks.example.com (paused).");
  });

  it("marks blocked starts and names the operation; the system and tokens without a name read as such", () => {
    const blocked = describeAuditEntry(view("operation.blocked", samples["operation.blocked"], { kind: "system", name: null }), { tenantSlug: "contoso" });
    expect(blocked).toMatchObject({ blocked: true, operation: "Sync directory", actor: "Schedule (system)", summary: "Start blocked" });
    const viaToken = describeAuditEntry(view("run.cancelled", {}, { kind: "token", name: null }), { tenantSlug: "contoso" });
    expect(viaToken).toMatchObject({ blocked: false, actor: "API token", summary: "Run cancelled" });
  });

  it("shows a row it cannot read as recorded, instead of failing", () => {
    expect(parseAuditRecord("tenant.renamed", {})).toBeNull();
    expect(parseAuditRecord("connection.updated", { changed: "all" })).toBeNull();
    const words = describeAuditEntry(view("tenant.renamed", {}), { tenantSlug: "contoso" });
    expect(words).toMatchObject({ title: "tenant.renamed", detail: null, summary: "tenant.renamed by Ada" });
  });
});

describe("recordAudit, the one writer", () => {
  it("writes many entries in one statement, each with its columns, the token in its details", async () => {
    const { tenant, workspace } = await seedTenant(prisma);
    const user = await seedUser(prisma);
    const tokenId = randomUUID();
    const connectionId = randomUUID();
    await recordAudit(prisma, [
      { action: "connection.primary_set", workspaceId: workspace.id, tenantId: tenant.id, actor: { kind: "token", userId: user.id, tokenId }, targetId: connectionId, details: { name: "Contoso app" } },
      {
        action: "operation.blocked",
        workspaceId: workspace.id,
        tenantId: tenant.id,
        actor: { kind: "system" },
        operation: "restore.execute",
        reason: "target_not_ready",
        target: { kind: "backup_set", id: "set-1" },
        details: { message: "The selected backup set is not complete." },
      },
    ]);
    const rows = await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id }, orderBy: { action: "asc" } });
    expect(rows).toMatchObject([
      { action: "connection.primary_set", actorKind: "token", actorUserId: user.id, targetKind: "provider_connection", targetId: connectionId, details: { name: "Contoso app", tokenId } },
      {
        action: "operation.blocked",
        actorKind: "system",
        actorUserId: null,
        operation: "restore.execute",
        reasonCode: "target_not_ready",
        // A blocked start's target is the one the start named.
        targetKind: "backup_set",
        targetId: "set-1",
        details: { message: "The selected backup set is not complete." },
      },
    ]);
  });

  it("refuses details that do not fit the action (a writer's bug), writing nothing", async () => {
    const { tenant, workspace } = await seedTenant(prisma);
    const entry = { action: "connection.updated", workspaceId: workspace.id, tenantId: tenant.id, actor: { kind: "system" }, targetId: "x", details: { changed: "all" } };
    // @ts-expect-error `changed` is a list of field names: the catalogue types each action's details.
    await expect(recordAudit(prisma, entry)).rejects.toThrow(/changed/);
    expect(await prisma.auditLogEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("the gate writes through it: a blocked start reads back typed", async () => {
    const { tenant } = await seedTenant(prisma, { connection: { consentState: "pending" } });
    const user = await seedUser(prisma);
    await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "user", userId: user.id } });
    const [blocked] = await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id } });
    expect(parseAuditRecord(blocked!.action, blocked!.details)).toEqual({
      action: "operation.blocked",
      details: { message: "The provider connection has no admin consent in Microsoft Entra." },
    });
  });
});
