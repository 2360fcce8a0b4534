// Rows the syncs and report runs would have written, seeded directly: inventory items, directory
// objects and reports for one tenant, with the timestamps a test needs to observe ordering.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tenantpilot/db";

export async function seedInventoryItem(
  db: PrismaClient,
  tenantId: string,
  item: { policyType?: string; displayName: string; externalId?: string; lastSeenAt?: Date; lastSeenRunId?: string; payload?: object },
) {
  return db.inventoryItem.create({
    data: {
      tenantId,
      policyType: item.policyType ?? "deviceConfiguration",
      externalId: item.externalId ?? randomUUID(),
      displayName: item.displayName,
      lastModifiedAt: new Date("2026-10-01T08:00:00Z"),
      payload: item.payload ?? { displayName: item.displayName, settings: [{ name: "camera", value: false }] },
      lastSeenRunId: item.lastSeenRunId ?? null,
      lastSeenAt: item.lastSeenAt ?? new Date(),
      // Seeded as a first sighting: first seen when last seen (the list pages by first seen, ADR 032).
      createdAt: item.lastSeenAt ?? new Date(),
    },
  });
}

export async function seedDirectoryObject(
  db: PrismaClient,
  tenantId: string,
  object: { kind: "user" | "group"; displayName: string; principalName?: string | null; lastSeenAt?: Date },
) {
  return db.directoryObject.create({
    data: {
      tenantId,
      kind: object.kind,
      externalId: randomUUID(),
      displayName: object.displayName,
      principalName: object.principalName ?? null,
      payload: { displayName: object.displayName },
      lastSeenAt: object.lastSeenAt ?? new Date(),
      createdAt: object.lastSeenAt ?? new Date(),
    },
  });
}

export async function seedReport(
  db: PrismaClient,
  tenantId: string,
  report: { kind?: string; rows?: unknown[]; createdAt?: Date; runId?: string | null },
) {
  const rows = report.rows ?? [{ deviceName: "LAPTOP-01", complianceState: "compliant" }];
  return db.report.create({
    data: {
      tenantId,
      kind: report.kind ?? "device-compliance",
      runId: report.runId ?? null,
      rowCount: rows.length,
      rows: rows as object[],
      createdAt: report.createdAt ?? new Date(),
    },
  });
}
