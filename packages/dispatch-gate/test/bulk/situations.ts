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
