// The home's rules on real answers: the tag multi-select through tenants.list (any of the tags; a
// tag of another workspace, a deleted or malformed one is the 404 page, for the list and its forms), a row's readiness line over every operation, the
// tenant-wide blocker, the preview's rollup words and the bulk form's operation field.
import { afterAll, describe, expect, it } from "vitest";
import { describePreviewRollup, routes, tenantBlocker, type PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { callerAs, testEnvironment } from "../../../tests/api/support/api-caller";
import { addMember, seedTenant, seedUser, seedWorkspace } from "../../../tests/api/support/world";
import { testPrisma } from "@tenantpilot/test-support";
import { readBulkChoice } from "../app/bulk/bulk-operation";
import { rowReadiness } from "../app/tenants/home-rows";
import { homeFilter, homeSearch } from "../app/tenants/home-search";
import { action, loader } from "../app/routes/admin._index";
import { adminContextFor } from "./support/render-route";
import { thrownStatus } from "./support/thrown-status";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const blocked = (reason: "provider_consent_missing" | "provider_permission_missing"): PreviewResult => ({
  outcome: "blocked",
  reason,
  message: reason === "provider_consent_missing" ? "No consent." : "Lacks a permission.",
  nextStep: { label: "Fix it", href: routes.connections() },
});
const ready: PreviewResult = { outcome: "ready", connection: { id: "7d2c5a0e-8b1f-4c3d-9e6a-1f2b3c4d5e6f", displayName: "Graph app", clientId: "c1", identityVersion: 1 } };

describe("the home's tag filter", () => {
  it("shows tenants in any of the chosen tags, from the URL; a tag of another workspace, a deleted or a malformed one is the 404 page", async () => {
    const workspace = await seedWorkspace(prisma);
    const other = await seedWorkspace(prisma);
    const owner = await seedUser(prisma);
    await addMember(prisma, { workspaceId: workspace.id, userId: owner.id, role: "owner" });
    await addMember(prisma, { workspaceId: other.id, userId: owner.id, role: "owner" });
    const [eu, gold, none] = await Promise.all([
      seedTenant(prisma, workspace.id, { name: "Eu Corp" }),
      seedTenant(prisma, workspace.id, { name: "Gold Corp" }),
      seedTenant(prisma, workspace.id, { name: "Plain Corp" }),
    ]);
    const api = callerAs(env, owner);
    const euTag = await api.tags.create({ workspace: workspace.slug, name: "EU" });
    const goldTag = await api.tags.create({ workspace: workspace.slug, name: "Gold" });
    const foreign = await api.tags.create({ workspace: other.slug, name: "EU" });
    await api.tags.addTenants({ tagId: euTag.id, tenants: [eu.tenant.slug] });
    await api.tags.addTenants({ tagId: goldTag.id, tenants: [gold.tenant.slug] });

    const slugsFor = async (url: string) => {
      const filter = homeFilter(homeSearch.parse(new URL(url, "http://admin.test").searchParams));
      return (await api.tenants.list({ workspace: workspace.slug, filter, readiness: [] })).items.map((item) => item.slug).sort();
    };
    expect(await slugsFor(routes.home({ tag: [euTag.id] }))).toEqual([eu.tenant.slug]);
    expect(await slugsFor(routes.home({ tag: [euTag.id, goldTag.id] }))).toEqual([eu.tenant.slug, gold.tenant.slug].sort());
    expect(await slugsFor(routes.home())).toContain(none.tenant.slug);

    // The page and its "all matching" bulk preview: a stale or malformed tag never widens to every tenant.
    const gone = await api.tags.create({ workspace: workspace.slug, name: "Gone" });
    await api.tags.delete({ tagId: gone.id });
    const context = await adminContextFor(prisma, owner);
    for (const tag of [[foreign.id], [gone.id], [euTag.id, "not-a-tag"], [crypto.randomUUID()]]) {
      const url = `http://admin.test${routes.home({ workspace: workspace.slug, tag })}`;
      expect(await thrownStatus(() => loader({ request: new Request(url), params: {}, context }))).toEqual({
        status: 404,
        data: { kind: "not_found", message: "No such tag." },
      });
      const preview = new Request(url, { method: "POST", body: new URLSearchParams({ intent: "preview", all: "1", operation: "inventory.sync" }) });
      expect(await thrownStatus(() => action({ request: preview, params: {}, context }))).toEqual({
        status: 404,
        data: { kind: "not_found", message: "No such tag." },
      });
    }
  });
});

describe("a row's readiness line", () => {
  it("is never Ready while any operation is blocked; a tenant-wide blocker comes first with its next step", () => {
    const entries = [
      { operation: "inventory.sync" as const, result: ready },
      { operation: "report.generate" as const, reportKind: "device-compliance" as const, result: blocked("provider_permission_missing") },
    ];
    expect(rowReadiness(entries)).toEqual({
      outcome: "blocked",
      text: "1 of 2 blocked: Generate report · Device compliance (lacks permissions)",
      nextStep: { label: "Fix it", href: routes.connections() },
    });
    expect(rowReadiness([{ operation: "inventory.sync", result: blocked("provider_consent_missing") }, ...entries])).toMatchObject({
      outcome: "blocked",
      text: "No consent.",
    });
    expect(rowReadiness([{ operation: "inventory.sync", result: ready }])).toEqual({ outcome: "ready", text: "Ready", nextStep: null });
  });

  it("takes only tenant-wide reasons as the tenant's blocker", () => {
    expect(tenantBlocker([ready, blocked("provider_permission_missing")])).toBeNull();
    expect(tenantBlocker([ready, blocked("provider_consent_missing")])?.reason).toBe("provider_consent_missing");
  });
});

describe("the bulk form", () => {
  it("words a preview's rollup the way the issue does", () => {
    expect(
      describePreviewRollup({
        total: 450,
        byOutcome: { ready: 412, deduped: 31, scope_busy: 0, blocked: 7 },
        blockedByReason: { provider_credentials_expired: 2, provider_consent_missing: 5 },
      }),
    ).toBe("412 will queue · 31 already running · 7 blocked: 5 need consent, 2 secrets expired");
  });

  it("reads only the operations it offers, a report with its kind", () => {
    expect(readBulkChoice("inventory.sync")).toEqual({ operation: "inventory.sync" });
    expect(readBulkChoice("report.generate:device-compliance")).toEqual({ operation: "report.generate", reportKind: "device-compliance" });
    expect(readBulkChoice("report.generate")).toBeNull();
    expect(readBulkChoice("restore.execute")).toBeNull();
    expect(readBulkChoice("inventory.sync:device-compliance")).toBeNull();
  });
});
