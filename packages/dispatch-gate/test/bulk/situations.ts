// Every situation the single-tenant gate tells apart, as StartInputs over seeded tenants: each tenant
// state × each operation × each kind of target (own, another tenant's, missing, malformed, not ready),
// plus scopes held by the same operation (deduped) and by another (scope_busy), queued and running.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tenantpilot/db";
import { operationCatalog, reportKindIds, type OperationId } from "../../src/contract";
import type { OperationTarget, StartInput } from "../../src";
import { seedBackupSet, seedConnection, seedTenant, seedUser, type TenantSeed } from "../fixtures";

export const tenantStates: Record<string, TenantSeed> = {
  ready: {},
  archived: { status: "archived" },
  onboarding: { status: "onboarding" },
  "no connection": { connection: null },
  "only a non-primary connection": { connection: { isPrimary: false } },
  "connection disabled": { connection: { enabled: false } },
  "consent pending": { connection: { consentState: "pending" } },
  "consent revoked": { connection: { consentState: "revoked" } },
  "no secret": { connection: { secret: null, secretExpiresAt: null } },
  "secret expired": { connection: { secretExpiresAt: new Date(Date.now() - 60_000) } },
  "read-only permissions": { connection: { grantedPermissions: ["DeviceManagementConfiguration.Read.All", "User.Read.All"] } },
  "no permissions": { connection: { grantedPermissions: [] } },
  // Granted as Graph grants them: broader permissions satisfy narrower needs.
  "broader permissions only": {
    connection: { grantedPermissions: ["DeviceManagementConfiguration.ReadWrite.All", "Directory.Read.All", "DeviceManagementManagedDevices.ReadWrite.All"] },
  },
};

/**
 * What Microsoft last answered about a connection (ADR 011): a failed run with a connection reason
 * counts until a passing check; a rejected secret only for the identity version it used.
 */
const lastWords: Record<string, { runs: { operation: string; status: "failed" | "succeeded"; reason?: string; missing?: string[]; identityVersion?: number }[] }> = {
  "Microsoft rejected the secret": { runs: [{ operation: "inventory.sync", status: "failed", reason: "provider_credentials_expired" }] },
  "Microsoft rejected an older secret": { runs: [{ operation: "inventory.sync", status: "failed", reason: "provider_credentials_missing", identityVersion: 0 }] },
  "Microsoft said consent is missing": { runs: [{ operation: "connection.check", status: "failed", reason: "provider_consent_missing" }] },
  "Graph refused a permission": { runs: [{ operation: "directory.sync", status: "failed", reason: "provider_permission_missing", missing: ["Group.Read.All"] }] },
  "Graph refused, naming nothing": { runs: [{ operation: "inventory.sync", status: "failed", reason: "provider_permission_missing" }] },
  "a check passed after a refusal": {
    runs: [
      { operation: "inventory.sync", status: "failed", reason: "provider_credentials_expired" },
      { operation: "connection.check", status: "succeeded" },
    ],
  },
};

export interface Situation {
  name: string;
  input: StartInput;
}

export async function seedSituations(db: PrismaClient): Promise<Situation[]> {
  const user = await seedUser(db);
  const initiator = { kind: "user" as const, userId: user.id };
  const stranger = await seedTenant(db);
  const strangerSet = await seedBackupSet(db, stranger.tenant.id);
  const situations: Situation[] = [];

  for (const [state, seed] of Object.entries(tenantStates)) {
    const seeded = await seedTenant(db, seed);
    situations.push(...(await everyStart(db, `${state}`, seeded.tenant.id, seeded.connection?.id, initiator, { strangerSet: strangerSet.id, strangerTenant: stranger.tenant.id, strangerConnection: stranger.connection!.id })));
  }

  // Held scopes: the same operation queued or running (deduped), another operation on the scope (scope_busy).
  for (const status of ["queued", "running"] as const) {
    const held = await seedTenant(db);
    await db.operationRun.create({
      data: {
        tenantId: held.tenant.id,
        operation: "inventory.sync",
        targetKind: "tenant",
        targetId: held.tenant.id,
        scopeKey: "policies",
        status,
        initiatorKind: "system",
        startedAt: status === "running" ? new Date() : null,
      },
    });
    // A connection check in flight on its connection's scope.
    await db.operationRun.create({
      data: {
        tenantId: held.tenant.id,
        operation: "connection.check",
        targetKind: "provider_connection",
        targetId: held.connection!.id,
        scopeKey: `connection:${held.connection!.id}`,
        status,
        initiatorKind: "system",
        startedAt: status === "running" ? new Date() : null,
      },
    });
    situations.push(...(await everyStart(db, `held (${status})`, held.tenant.id, held.connection?.id, initiator, { strangerSet: strangerSet.id, strangerTenant: stranger.tenant.id, strangerConnection: stranger.connection!.id })));
    // The holder of a blocked tenant's scope still answers first (fast path before preflight).
    const heldArchived = await seedTenant(db, { status: "archived" });
    await db.operationRun.create({
      data: { tenantId: heldArchived.tenant.id, operation: "backup.capture", targetKind: "tenant", targetId: heldArchived.tenant.id, scopeKey: "policies", status, initiatorKind: "system", startedAt: status === "running" ? new Date() : null },
    });
    situations.push(...(await everyStart(db, `archived, held (${status})`, heldArchived.tenant.id, heldArchived.connection?.id, initiator, { strangerSet: strangerSet.id, strangerTenant: stranger.tenant.id, strangerConnection: stranger.connection!.id })));
  }

  // The provider's last word on the tenant's primary connection.
  for (const [name, { runs }] of Object.entries(lastWords)) {
    const heard = await seedTenant(db);
    const connection = heard.connection!;
    let at = Date.now() - 60_000;
    for (const run of runs) {
      at += 1_000;
      await db.operationRun.create({
        data: {
          tenantId: heard.tenant.id,
          operation: run.operation,
          targetKind: run.operation === "connection.check" ? "provider_connection" : "tenant",
          targetId: run.operation === "connection.check" ? connection.id : heard.tenant.id,
          scopeKey: run.operation === "connection.check" ? `connection:${connection.id}` : run.operation === "directory.sync" ? "directory" : "policies",
          status: run.status,
          initiatorKind: "system",
          providerConnectionId: connection.id,
          connectionSnapshot: { id: connection.id, displayName: connection.displayName, clientId: connection.clientId, identityVersion: run.identityVersion ?? connection.identityVersion },
          reasonCode: run.reason ?? null,
          diagnostics: run.missing ? { missingPermissions: run.missing } : {},
          startedAt: new Date(at - 500),
          finishedAt: new Date(at),
        },
      });
    }
    situations.push(...(await everyStart(db, name, heard.tenant.id, connection.id, initiator, { strangerSet: strangerSet.id, strangerTenant: stranger.tenant.id, strangerConnection: stranger.connection!.id })));
  }

  // Onboarding's first sync is allowed on a tenant still onboarding; other starts are not.
  const onboarding = await seedTenant(db, { status: "onboarding" });
  for (const operation of Object.keys(operationCatalog) as OperationId[]) {
    situations.push({ name: `onboarding, first sync: ${operation}`, input: { tenantId: onboarding.tenant.id, operation, initiator, finishesOnboarding: true } });
  }

  // A second, non-primary connection of a ready tenant can be checked on its own.
  const twoConnections = await seedTenant(db);
  const secondary = await seedConnection(db, twoConnections.tenant.id, { isPrimary: false, consentState: "pending" });
  situations.push({ name: "check of a non-primary connection", input: { tenantId: twoConnections.tenant.id, operation: "connection.check", target: { kind: "provider_connection", id: secondary.id }, initiator } });
  return situations;
}

async function everyStart(
  db: PrismaClient,
  state: string,
  tenantId: string,
  connectionId: string | undefined,
  initiator: StartInput["initiator"],
  strangers: { strangerSet: string; strangerTenant: string; strangerConnection: string },
): Promise<Situation[]> {
  const sets = {
    complete: (await seedBackupSet(db, tenantId, "complete")).id,
    partial: (await seedBackupSet(db, tenantId, "partial")).id,
    capturing: (await seedBackupSet(db, tenantId, "capturing")).id,
    failed: (await seedBackupSet(db, tenantId, "failed")).id,
    // A restore needs the write permission of each policy family the set holds.
    "complete, two families": await setWithFamilies(db, tenantId, ["deviceConfiguration", "settingsCatalog"]),
  };
  const targets: Record<OperationId, Record<string, OperationTarget | undefined>> = {
    "inventory.sync": { none: undefined, own: { kind: "tenant", id: tenantId }, "another tenant": { kind: "tenant", id: strangers.strangerTenant } },
    "backup.capture": { none: undefined, "wrong kind": { kind: "report_kind", id: "device-compliance" } },
    "directory.sync": { none: undefined },
    "report.generate": {
      none: undefined,
      unknown: { kind: "report_kind", id: "salaries" },
      ...Object.fromEntries(reportKindIds.map((kind) => [kind, { kind: "report_kind" as const, id: kind }])),
    },
    "connection.check": {
      none: undefined,
      ...(connectionId ? { own: { kind: "provider_connection" as const, id: connectionId } } : {}),
      "another tenant's": { kind: "provider_connection", id: strangers.strangerConnection },
      malformed: { kind: "provider_connection", id: "not-a-uuid" },
    },
    "restore.execute": {
      none: undefined,
      ...Object.fromEntries(Object.entries(sets).map(([status, id]) => [`${status} set`, { kind: "backup_set" as const, id }])),
      "another tenant's set": { kind: "backup_set", id: strangers.strangerSet },
      "missing set": { kind: "backup_set", id: randomUUID() },
      "malformed set": { kind: "backup_set", id: "nope" },
    },
  };
  return (Object.keys(operationCatalog) as OperationId[]).flatMap((operation) =>
    Object.entries(targets[operation]).map(([name, target]) => ({
      name: `${state}: ${operation} → ${name}`,
      input: { tenantId, operation, ...(target ? { target } : {}), initiator },
    })),
  );
}

async function setWithFamilies(db: PrismaClient, tenantId: string, families: string[]): Promise<string> {
  const set = await seedBackupSet(db, tenantId, "complete");
  await db.backupItem.createMany({
    data: families.map((policyType) => ({ tenantId, backupSetId: set.id, policyType, externalId: randomUUID(), displayName: policyType, payload: {}, graphVersion: "v1.0" })),
  });
  return set.id;
}
