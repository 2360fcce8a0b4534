// Readiness groups answer exactly what previewAll answers, tenant by tenant, for every bulk
// operation, over tenants that differ in each fact the gate's decision reads — while deciding once
// per group, not once per tenant.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tenantpilot/db";
import { testPrisma } from "@tenantpilot/test-support";
import { bulkStartInputs, finishRun, previewAll, readinessGroups, readinessRollup, startOperation, startRun, type StartInput } from "../../src";
import { bulkOperationIds, previewOutcomes, rollupOf, type BulkOperation, type PreviewResult } from "../../src/contract";
import { allPermissions, seedConnection } from "../fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const system = { kind: "system" } as const;
const day = 86_400_000;

/** One workspace whose tenants are each in another situation; `ready` tenants repeat to form a group. */
async function seedSituations(db: PrismaClient) {
  const workspace = await db.workspace.create({ data: { slug: `rg-${randomUUID().slice(0, 8)}`, name: "Readiness groups" } });
  const tenant = async (name: string, status: "active" | "onboarding" | "archived" = "active") =>
    db.tenant.create({
      data: { workspaceId: workspace.id, slug: `${name}-${randomUUID().slice(0, 6)}`, displayName: name, microsoftTenantId: randomUUID(), status },
    });
  const withConnection = async (name: string, seed: Parameters<typeof seedConnection>[2] = {}, status?: "active" | "onboarding" | "archived") => {
    const t = await tenant(name, status);
    const connection = await seedConnection(db, t.id, seed);
    return { tenant: t, connection };
  };
  const ready = await Promise.all([1, 2, 3, 4, 5].map((n) => withConnection(`ready-${n}`)));
  const situations = [
    await withConnection("onboarding", {}, "onboarding"),
    await withConnection("archived", {}, "archived"),
    { tenant: await tenant("no-connection"), connection: null },
    await withConnection("not-primary", { isPrimary: false }),
    await withConnection("disabled", { enabled: false }),
    await withConnection("consent-pending", { consentState: "pending" }),
    await withConnection("no-secret", { secret: null }),
    await withConnection("secret-expired", { secretExpiresAt: new Date(Date.now() - day) }),
    await withConnection("secret-without-expiry", { secretExpiresAt: null }),
    await withConnection("read-only", { grantedPermissions: allPermissions.filter((permission) => !permission.endsWith("ReadWrite.All")) }),
    await withConnection("no-devices", { grantedPermissions: allPermissions.filter((permission) => !permission.startsWith("DeviceManagementManagedDevices")) }),
    await withConnection("no-directory", { grantedPermissions: allPermissions.filter((permission) => !/^(Group|User|Directory)\./.test(permission)) }),
    await withConnection("told-no-consent"),
    await withConnection("told-forbidden"),
    await withConnection("told-forbidden-groups"),
    await withConnection("holds-inventory"),
    await withConnection("holds-backup"),
    await withConnection("holds-directory"),
    await withConnection("holds-compliance-report"),
    await withConnection("holds-inventory-report"),
    await withConnection("holds-check"),
    await withConnection("ran-and-succeeded"),
  ];
  const named = (name: string) => situations.find((s) => s.tenant.displayName === name)!;
  const started = async (name: string, operation: StartInput["operation"], target?: StartInput["target"]) => {
    const s = named(name);
    const result = await startOperation(db, { tenantId: s.tenant.id, operation, ...(target ? { target } : {}), initiator: system });
    if (result.outcome !== "accepted") throw new Error(`${name}: ${result.outcome}`);
    return result.run.id;
  };
  const ended = async (runId: string, ending: Parameters<typeof finishRun>[2]) => {
    await startRun(db, runId, { workerId: "test" });
    await finishRun(db, runId, ending);
  };
  // Microsoft's last word about two connections, heard by connection checks.
  const check = (name: string) => ({ kind: "provider_connection" as const, id: named(name).connection!.id });
  await ended(await started("told-no-consent", "connection.check", check("told-no-consent")), { status: "failed", reason: "provider_consent_missing" });
  await ended(await started("told-forbidden", "connection.check", check("told-forbidden")), {
    status: "failed",
    reason: "provider_permission_missing",
    missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
  });
  await ended(await started("told-forbidden-groups", "connection.check", check("told-forbidden-groups")), {
    status: "failed",
    reason: "provider_permission_missing",
    missingPermissions: ["Group.Read.All"],
  });
  await ended(await started("ran-and-succeeded", "inventory.sync"), { status: "succeeded" });
  // Scope holders, queued and running.
  await started("holds-inventory", "inventory.sync");
  await startRun(db, await started("holds-backup", "backup.capture"), { workerId: "test" });
  await started("holds-directory", "directory.sync");
  await started("holds-compliance-report", "report.generate", { kind: "report_kind", id: "device-compliance" });
  await started("holds-inventory-report", "report.generate", { kind: "report_kind", id: "policy-inventory" });
  await started("holds-check", "connection.check", check("holds-check"));
  return { workspaceId: workspace.id, tenantIds: [...ready, ...situations].map((s) => s.tenant.id), readyCount: ready.length };
}

const whats: BulkOperation[] = bulkOperationIds.flatMap((operation): BulkOperation[] =>
  operation === "report.generate"
    ? [{ operation, reportKind: "device-compliance" }, { operation, reportKind: "policy-inventory" }]
    : [{ operation }],
);

/** Outcome and reason: what a readiness count or filter reads of an answer. */
const verdict = (preview: PreviewResult | null | undefined) => (preview ? `${preview.outcome}${preview.outcome === "blocked" ? `:${preview.reason}` : ""}` : "gone");

describe("readiness groups", () => {
  it("answer each tenant as previewAll does, for every bulk operation, deciding once per group", async () => {
    const { tenantIds, readyCount } = await seedSituations(prisma);
    for (const what of whats) {
      const inputs = await bulkStartInputs(prisma, tenantIds, what, system);
      const each = await previewAll(prisma, inputs);
      const groups = await readinessGroups(prisma, inputs);

      const grouped = new Array<string>(inputs.length).fill("gone");
      for (const group of groups) for (const member of group.members) grouped[member] = verdict(group.preview);
      expect(grouped, JSON.stringify(what)).toEqual(each.map(verdict));
      // The five ready tenants (and the ones in the same situation for this operation) are one decision.
      expect(groups.length, JSON.stringify(what)).toBeLessThanOrEqual(inputs.length - (readyCount - 1));
      expect(await readinessRollup(prisma, inputs)).toEqual(rollupOf(previewOutcomes, each.filter((p): p is PreviewResult => p !== null)));
    }
    // The situations do reach the decision's every branch somewhere.
    const seen = new Set<string>();
    for (const what of whats) {
      for (const preview of await previewAll(prisma, await bulkStartInputs(prisma, tenantIds, what, system))) seen.add(verdict(preview));
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        "ready",
        "deduped",
        "scope_busy",
        "blocked:tenant_not_operable",
        "blocked:provider_connection_missing",
        "blocked:provider_connection_disabled",
        "blocked:provider_consent_missing",
        "blocked:provider_credentials_missing",
        "blocked:provider_credentials_expired",
        "blocked:provider_permission_missing",
      ]),
    );
  });

  it("leave out a tenant that no longer exists, and answer nothing for no starts", async () => {
    const { tenantIds } = await seedSituations(prisma);
    const inputs = await bulkStartInputs(prisma, [...tenantIds.slice(0, 3), randomUUID()], { operation: "inventory.sync" }, system);
    const groups = await readinessGroups(prisma, inputs);
    expect(groups.flatMap((group) => group.members).sort()).toEqual([0, 1, 2]);
    expect(await readinessGroups(prisma, [])).toEqual([]);
  });
});
