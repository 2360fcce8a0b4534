import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { reportKinds } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedRun, seedWorld } from "../../../tests/api/support/world";
import { seedReport } from "./read-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));

describe("reports.list", () => {
  it("lists the tenant's reports newest first, with label, row count and the run that made each", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const run = await seedRun(prisma, tenant.id, { status: "succeeded" });
    const compliance = await seedReport(prisma, tenant.id, { createdAt: at(1), runId: run.id });
    const policies = await seedReport(prisma, tenant.id, {
      kind: "policy-inventory",
      createdAt: at(2),
      rows: [{ displayName: "Baseline" }, { displayName: "Kiosk" }],
    });
    await seedReport(prisma, world.tenants.consentMissing.tenant.id, {});
    await seedReport(prisma, world.tenants.foreign.tenant.id, {});

    const listing = await callerAs(env, world.users.readonly).reports.list({ tenant: tenant.slug });
    expect(listing.nextCursor).toBeNull();
    expect(listing.items).toEqual([
      { id: policies.id, kind: "policy-inventory", label: reportKinds["policy-inventory"].label, rowCount: 2, createdAt: at(2), runId: null, run: null },
      {
        id: compliance.id,
        kind: "device-compliance",
        label: reportKinds["device-compliance"].label,
        rowCount: 1,
        createdAt: at(1),
        runId: run.id,
        run: { id: run.id, operation: "inventory.sync", status: "succeeded", href: `/admin/operations/${run.id}` },
      },
    ]);
    expect(listing.items[0]).not.toHaveProperty("rows");

    const onlyCompliance = await callerAs(env, world.users.owner).reports.list({ tenant: tenant.slug, kind: "device-compliance" });
    expect(onlyCompliance.items.map((report) => report.id)).toEqual([compliance.id]);
  });

  it("pages newest first and refuses an unknown kind", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const owner = callerAs(env, world.users.owner);
    const seeded = [];
    for (let minute = 0; minute < 3; minute++) seeded.push(await seedReport(prisma, tenant.id, { createdAt: at(minute) }));
    const first = await owner.reports.list({ tenant: tenant.slug, limit: 2 });
    const second = await owner.reports.list({ tenant: tenant.slug, limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((report) => report.id)).toEqual(seeded.map((report) => report.id).reverse());
    expect(second.nextCursor).toBeNull();
    expect((await rejection(owner.reports.list({ tenant: tenant.slug, kind: "nope" as "device-compliance" }))).code).toBe("BAD_REQUEST");
  });
});

describe("reports.detail", () => {
  it("answers the rows and every column, known ones in the report's own order (not jsonb's), unknown ones after", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const report = await seedReport(prisma, tenant.id, {
      rows: [
        { deviceName: "LAPTOP-01", complianceState: "compliant", userPrincipalName: null },
        { deviceName: "LAPTOP-02", complianceState: "noncompliant", osVersion: "10.0.22631", tags: ["kiosk"] },
        "not a row",
      ],
    });
    const detail = await callerAs(env, world.users.readonly).reports.detail({ tenant: tenant.slug, reportId: report.id });
    expect(detail).toMatchObject({ id: report.id, kind: "device-compliance", label: "Device compliance", rowCount: 3 });
    expect(detail.columns).toEqual(["deviceName", "osVersion", "complianceState", "userPrincipalName", "tags"]);
    expect(detail.rows).toEqual([
      { deviceName: "LAPTOP-01", complianceState: "compliant", userPrincipalName: null },
      // A nested value is shown as its JSON text.
      { deviceName: "LAPTOP-02", complianceState: "noncompliant", osVersion: "10.0.22631", tags: '["kiosk"]' },
    ]);
  });

  it("answers another tenant's report exactly like a random id", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.ready.tenant.slug;
    const sibling = await seedReport(prisma, world.tenants.consentMissing.tenant.id, {});
    const foreign = await seedReport(prisma, world.tenants.foreign.tenant.id, {});

    const random = await rejection(owner.reports.detail({ tenant, reportId: randomUUID() }));
    expect(random).toEqual({ code: "NOT_FOUND", message: "No such report." });
    expect(await rejection(owner.reports.detail({ tenant, reportId: sibling.id }))).toEqual(random);
    expect(await rejection(owner.reports.detail({ tenant, reportId: foreign.id }))).toEqual(random);
  });
});
