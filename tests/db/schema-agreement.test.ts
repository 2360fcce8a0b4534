// Every Prisma model can be written and read back against the migrated database: proves the
// hand-written SQL migrations and prisma/schema.prisma describe the same tables.
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@tenantpilot/db";
import { testPrisma } from "@tenantpilot/test-support";

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

describe("schema and migrations agree", () => {
  it("creates and reads back every model", async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const workspace = await prisma.workspace.create({ data: { slug: `agree-${suffix}`, name: "Agreement" } });
    const user = await prisma.user.create({
      data: { email: `agree-${suffix}@example.test`, displayName: "Agreement User", passwordHash: "x" },
    });
    const session = await prisma.session.create({
      data: { id: createHash("sha256").update(`session-${suffix}`).digest("hex"), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    const membership = await prisma.membership.create({
      data: { workspaceId: workspace.id, userId: user.id, role: "operator", allTenants: false },
    });
    const tenant = await prisma.tenant.create({
      data: {
        workspaceId: workspace.id,
        slug: `agree-${suffix}`,
        displayName: "Agreement tenant",
        microsoftTenantId: crypto.randomUUID(),
        status: "active",
      },
    });
    const entitlement = await prisma.tenantEntitlement.create({
      data: { membershipId: membership.id, tenantId: tenant.id },
    });
    const connection = await prisma.providerConnection.create({
      data: {
        tenantId: tenant.id,
        displayName: "Primary",
        clientId: crypto.randomUUID(),
        clientSecretEncrypted: "v1:sealed",
        clientSecretExpiresAt: new Date(Date.now() + 86_400_000),
        consentState: "granted",
        grantedPermissions: ["DeviceManagementConfiguration.Read.All"],
        isPrimary: true,
      },
    });
    const draft = await prisma.onboardingDraft.create({
      data: { workspaceId: workspace.id, createdByUserId: user.id, tenantId: tenant.id, data: { step: 1 } },
    });
    const run = await prisma.operationRun.create({
      data: {
        tenantId: tenant.id,
        operation: "backup.capture",
        targetKind: "tenant",
        targetId: tenant.id,
        scopeKey: "policies",
        initiatorKind: "user",
        initiatorUserId: user.id,
        providerConnectionId: connection.id,
        connectionSnapshot: { id: connection.id, identityVersion: 1 },
      },
    });
    const backupSet = await prisma.backupSet.create({
      data: { tenantId: tenant.id, name: "Nightly", capturedByRunId: run.id },
    });
    const backupItem = await prisma.backupItem.create({
      data: {
        tenantId: tenant.id,
        backupSetId: backupSet.id,
        policyType: "deviceConfiguration",
        externalId: "p1",
        displayName: "Policy 1",
        payload: { id: "p1" },
        graphVersion: "beta",
      },
    });
    const inventoryItem = await prisma.inventoryItem.create({
      data: {
        tenantId: tenant.id,
        policyType: "deviceConfiguration",
        externalId: "p1",
        displayName: "Policy 1",
        payload: { id: "p1" },
        lastSeenRunId: run.id,
      },
    });
    const directoryObject = await prisma.directoryObject.create({
      data: { tenantId: tenant.id, kind: "group", externalId: "g1", displayName: "Group 1", payload: {} },
    });
    const report = await prisma.report.create({
      data: { tenantId: tenant.id, kind: "device-compliance", runId: run.id, rowCount: 1, rows: [{ a: 1 }] },
    });
    const audit = await prisma.auditLogEntry.create({
      data: {
        workspaceId: workspace.id,
        tenantId: tenant.id,
        actorKind: "user",
        actorUserId: user.id,
        action: "operation.blocked",
        operation: "inventory.sync",
        reasonCode: "provider_consent_missing",
      },
    });
    const notification = await prisma.notification.create({
      data: {
        userId: user.id,
        workspaceId: workspace.id,
        tenantId: tenant.id,
        runId: run.id,
        kind: "run.terminal",
        title: "Done",
        body: "Capture backup finished",
      },
    });
    const token = await prisma.apiToken.create({
      data: { userId: user.id, name: "cli", tokenHash: `hash-${suffix}`, prefix: "tp_abc" },
    });

    const tag = await prisma.tag.create({ data: { workspaceId: workspace.id, name: "EU" } });
    const tenantTag = await prisma.tenantTag.create({ data: { tagId: tag.id, tenantId: tenant.id, workspaceId: workspace.id } });
    const schedule = await prisma.schedule.create({
      data: {
        workspaceId: workspace.id,
        name: "Weekly backup",
        operation: "backup.capture",
        selection: { kind: "filter", filter: { tagId: tag.id } },
        cadence: "weekly",
        weekday: 2,
        localTime: new Date("1970-01-01T21:30:00Z"),
        nextFireAt: new Date(Date.now() + 86_400_000),
        createdByUserId: user.id,
      },
    });
    const batch = await prisma.batch.create({
      data: {
        workspaceId: workspace.id,
        operation: "backup.capture",
        targetKind: "tenant",
        selection: { kind: "filter", filter: {} },
        initiatorKind: "user",
        initiatorUserId: user.id,
        scheduleId: schedule.id,
        idempotencyKey: `key-${suffix}`,
        tenantCount: 1,
      },
    });
    // The run is the tenant's accepted row of the batch that admitted it (ADR 036); a later batch
    // that found it running stores a deduped row pointing at it.
    await prisma.operationRun.update({ where: { id: run.id }, data: { batchId: batch.id } });
    const later = await prisma.batch.create({
      data: {
        workspaceId: workspace.id,
        operation: "backup.capture",
        targetKind: "tenant",
        selection: { kind: "filter", filter: {} },
        initiatorKind: "user",
        initiatorUserId: user.id,
        idempotencyKey: `later-${suffix}`,
        tenantCount: 1,
        items: { create: [{ tenantId: tenant.id, outcome: "deduped", runId: run.id }] },
      },
    });
    const batchNote = await prisma.notification.create({
      data: { userId: user.id, workspaceId: workspace.id, batchId: batch.id, kind: "batch.finished", title: "Done", body: "1 succeeded" },
    });

    const readBack = await prisma.tenant.findUniqueOrThrow({
      where: { id: tenant.id },
      include: {
        workspace: true,
        entitlements: true,
        connections: true,
        drafts: true,
        runs: { include: { backupSets: true, reports: true, notifications: true } },
        backupSets: { include: { items: true } },
        inventoryItems: true,
        directoryObjects: true,
        auditEntries: true,
      },
    });
    expect(readBack.workspace.id).toBe(workspace.id);
    expect(readBack.entitlements).toEqual([expect.objectContaining({ membershipId: entitlement.membershipId })]);
    expect(readBack.connections[0]).toMatchObject({
      id: connection.id,
      grantedPermissions: ["DeviceManagementConfiguration.Read.All"],
      isPrimary: true,
      identityVersion: 1,
      consentState: "granted",
    });
    expect(readBack.drafts[0]).toMatchObject({ id: draft.id, step: "details", status: "open", data: { step: 1 } });
    expect(readBack.runs[0]).toMatchObject({ id: run.id, status: "queued", attempt: 0, itemsSeen: 0 });
    expect(readBack.runs[0]!.backupSets[0]!.id).toBe(backupSet.id);
    expect(readBack.runs[0]!.reports[0]).toMatchObject({ id: report.id, rows: [{ a: 1 }] });
    expect(readBack.runs[0]!.notifications[0]!.id).toBe(notification.id);
    expect(readBack.backupSets[0]!.items[0]).toMatchObject({ id: backupItem.id, payload: { id: "p1" } });
    expect(readBack.inventoryItems[0]!.id).toBe(inventoryItem.id);
    expect(readBack.directoryObjects[0]!.id).toBe(directoryObject.id);
    expect(readBack.auditEntries[0]!.id).toBe(audit.id);
    const tagged = await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id }, include: { tags: { include: { tag: true } }, activity: true, batchItems: true } });
    expect(tagged.tags).toEqual([expect.objectContaining({ tagId: tenantTag.tagId, tag: expect.objectContaining({ name: "EU" }) })]);
    // Every tenant has its activity row from its insert (trigger), moved on by its runs' admissions.
    expect(tagged.activity).toMatchObject({ workspaceId: workspace.id });
    expect(tagged.activity!.lastActivityAt.getTime()).toBeGreaterThanOrEqual(run.createdAt.getTime());
    expect(tagged.batchItems).toEqual([expect.objectContaining({ batchId: later.id, outcome: "deduped", runId: run.id, result: null })]);
    const batchBack = await prisma.batch.findUniqueOrThrow({ where: { id: batch.id }, include: { runs: true, schedule: true, notifications: true, items: true } });
    expect(batchBack.runs.map((r) => r.id)).toEqual([run.id]);
    expect(batchBack.schedule).toMatchObject({ id: schedule.id, cadence: "weekly", weekday: 2, paused: false });
    expect(batchBack.notifications.map((n) => n.id)).toEqual([batchNote.id]);
    expect(batchBack.items).toEqual([]);
    expect(await prisma.$queryRaw`SELECT batch_id, outcome, run_id FROM batch_entries WHERE tenant_id = ${tenant.id}::uuid ORDER BY outcome`).toEqual([
      { batch_id: batch.id, outcome: "accepted", run_id: run.id },
      { batch_id: later.id, outcome: "deduped", run_id: run.id },
    ]);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).timeZone).toBe("UTC");
    // The default schedule came with the workspace.
    expect(await prisma.schedule.count({ where: { workspaceId: workspace.id, isDefault: true } })).toBe(1);
    expect(await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ userId: user.id });
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: token.tokenHash } })).toMatchObject({
      revokedAt: null,
    });
    // Issue 17: when a tenant became active (a trigger sets it), a run's selection, expiry warnings,
    // the workspace webhook and its deliveries (written by a trigger on notifications).
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).onboardedAt).toBeInstanceOf(Date);
    await prisma.operationRun.update({ where: { id: run.id }, data: { selection: { backupItemIds: [backupItem.id] } } });
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: run.id } })).selection).toEqual({ backupItemIds: [backupItem.id] });
    const warning = await prisma.secretExpiryWarning.create({
      data: { connectionId: connection.id, identityVersion: 1, thresholdDays: 30, secretExpiresAt: new Date(Date.now() + 86_400_000) },
    });
    const webhook = await prisma.workspaceWebhook.create({
      data: { workspaceId: workspace.id, url: "https://hooks.example.com/agree", secretEncrypted: "v1:sealed", createdByUserId: user.id },
    });
    const warned = await prisma.notification.create({
      data: { userId: user.id, workspaceId: workspace.id, tenantId: tenant.id, kind: "secret.expiring", secretWarningId: warning.id, title: "Expiring", body: "Rotate it" },
    });
    const withWebhook = await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, include: { webhook: true, webhookDeliveries: { include: { notification: true } } } });
    expect(withWebhook.webhook).toMatchObject({ url: webhook.url, enabled: true });
    expect(withWebhook.webhookDeliveries).toEqual([
      expect.objectContaining({ eventKey: `secret.expiring:${warning.id}`, status: "pending", attempts: 0, maxAttempts: 8, notification: expect.objectContaining({ id: warned.id }) }),
    ]);
    expect(await prisma.secretExpiryWarning.findUniqueOrThrow({ where: { id: warning.id }, include: { notifications: true, connection: true } })).toMatchObject({
      connection: { id: connection.id },
      notifications: [expect.objectContaining({ id: warned.id })],
    });

    const beat = await prisma.workerHeartbeat.create({ data: { workerId: `agree-${suffix}:1` } });
    expect(await prisma.workerHeartbeat.findUniqueOrThrow({ where: { workerId: beat.workerId } })).toMatchObject({ beatAt: beat.beatAt });
  });

  it("enforces the rules that live in SQL", async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const workspace = await prisma.workspace.create({ data: { slug: `rules-${suffix}`, name: "Rules" } });
    const tenant = await prisma.tenant.create({
      data: { workspaceId: workspace.id, slug: `rules-${suffix}`, displayName: "R", microsoftTenantId: crypto.randomUUID() },
    });
    const primary = { tenantId: tenant.id, displayName: "A", clientId: crypto.randomUUID(), isPrimary: true };
    await prisma.providerConnection.create({ data: primary });
    const secondPrimary = prisma.providerConnection.create({ data: { ...primary, displayName: "B" } });
    await expect(secondPrimary).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(secondPrimary).rejects.toMatchObject({ code: "P2002" });
    await expect(secondPrimary).rejects.toThrow(/provider_connections_one_primary_per_tenant|tenant_id/);
    const outsider = await prisma.user.create({ data: { email: `r-${suffix}@example.test`, displayName: "R" } });
    await expect(
      prisma.membership.create({ data: { workspaceId: workspace.id, userId: outsider.id, role: "superuser" } }),
    ).rejects.toThrow(/memberships_role_check/);
    await expect(
      prisma.tenant.update({ where: { id: tenant.id }, data: { status: "deleted" } }),
    ).rejects.toThrow(/tenants_status_check/);
    await expect(
      prisma.tenant.create({
        data: { workspaceId: workspace.id, slug: "Not A Slug", displayName: "S", microsoftTenantId: crypto.randomUUID() },
      }),
    ).rejects.toThrow(/tenants_slug_format_check/);
    await expect(
      prisma.user.create({ data: { email: `Upper-${suffix}@Example.test`, displayName: "U" } }),
    ).rejects.toThrow(/users_email_lowercase_check/);
    // A backup item names the Graph version its payload was read through: v1.0 or beta (ADR 013).
    const set = await prisma.backupSet.create({ data: { tenantId: tenant.id, name: "Rules" } });
    await expect(
      prisma.backupItem.create({
        data: { tenantId: tenant.id, backupSetId: set.id, policyType: "deviceConfiguration", externalId: "x", displayName: "X", payload: {}, graphVersion: "v2.0" },
      }),
    ).rejects.toThrow(/backup_items_graph_version_check/);
    await prisma.tag.create({ data: { workspaceId: workspace.id, name: "Gold" } });
    await expect(prisma.tag.create({ data: { workspaceId: workspace.id, name: "gold" } })).rejects.toThrow(/tags_workspace_id_name_key|name/);
    const batch = { workspaceId: workspace.id, operation: "inventory.sync", targetKind: "tenant", selection: {}, initiatorKind: "system", idempotencyKey: `k-${suffix}`, tenantCount: 0 };
    await prisma.batch.create({ data: batch });
    // One batch per idempotency key, also for the system (no user: NULLS NOT DISTINCT).
    await expect(prisma.batch.create({ data: batch })).rejects.toMatchObject({ code: "P2002" });
    const created = await prisma.batch.findFirstOrThrow({ where: { idempotencyKey: `k-${suffix}` } });
    await expect(
      prisma.batchItem.create({ data: { batchId: created.id, tenantId: tenant.id, outcome: "blocked", result: { outcome: "blocked" } } }),
    ).rejects.toThrow(/batch_items_reason_check/);
    await expect(
      prisma.schedule.create({ data: { workspaceId: workspace.id, name: "x", operation: "inventory.sync", selection: {}, cadence: "weekly", localTime: new Date(0), nextFireAt: new Date() } }),
    ).rejects.toThrow(/schedules_weekday_check/);
    // Issue 17: a webhook URL is http(s) without credentials; a delivery's status and attempts are
    // checked; a warning's threshold is one of 30/7/1 and at most once per secret and threshold.
    for (const url of ["ftp://hooks.example.com/x", "https://user:pw@hooks.example.com/x"]) {
      await expect(prisma.workspaceWebhook.create({ data: { workspaceId: workspace.id, url, secretEncrypted: "v1:x" } })).rejects.toThrow(/workspace_webhooks_url_check/);
    }
    await expect(prisma.webhookDelivery.create({ data: { workspaceId: workspace.id, eventKey: "k", payload: {}, status: "sent" } })).rejects.toThrow(/webhook_deliveries_status_check/);
    await expect(prisma.webhookDelivery.create({ data: { workspaceId: workspace.id, eventKey: "k", payload: {}, attempts: 9 } })).rejects.toThrow(/webhook_deliveries_attempts_check/);
    const expiring = await prisma.providerConnection.findFirstOrThrow({ where: { tenantId: tenant.id } });
    const warning = { connectionId: expiring.id, identityVersion: 1, secretExpiresAt: new Date() };
    await expect(prisma.secretExpiryWarning.create({ data: { ...warning, thresholdDays: 14 } })).rejects.toThrow(/secret_expiry_warnings_threshold_check/);
    await prisma.secretExpiryWarning.create({ data: { ...warning, thresholdDays: 7 } });
    await expect(prisma.secretExpiryWarning.create({ data: { ...warning, thresholdDays: 7 } })).rejects.toMatchObject({ code: "P2002" });
    // Onboarding: a tenant never active has no onboarded_at; becoming active sets it (trigger).
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).onboardedAt).toBeNull();
    await prisma.tenant.update({ where: { id: tenant.id }, data: { status: "active" } });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).onboardedAt).toBeInstanceOf(Date);
  });
});
