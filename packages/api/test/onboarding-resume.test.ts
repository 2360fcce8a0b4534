// Onboarding without dead ends (issue 17): a draft is made by its first save, can be discarded,
// and a tenant can always be resumed or onboarded again — the demo's Woodgrove (onboarding, no
// draft: "Finish onboarding" led to a list without it, and starting again said "is already in
// use") first, against the real seed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEncryptionKeyText, loadEncryptionKey } from "@tenantpilot/auth";
import { allNeededPermissions, routes } from "@tenantpilot/dispatch-gate/contract";
import { seedDemo } from "../../../prisma/seed";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment, testOrigin } from "../../../tests/api/support/api-caller";
import { seedTenant, seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(20);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const slug = () => `t-${randomUUID().slice(0, 8)}`;

describe("Woodgrove: a tenant left onboarding without its wizard", () => {
  let owner: ReturnType<typeof callerAs>;

  beforeAll(async () => {
    await seedDemo(prisma, loadEncryptionKey({ env: { ...process.env, APP_ENCRYPTION_KEY: generateEncryptionKeyText() } }));
    owner = callerAs(env, await prisma.user.findUniqueOrThrow({ where: { email: "owner@northwind.test" } }));
  });

  it("is reachable from its next step, resumable, discardable, and can be onboarded again under its short name", async () => {
    const woodgrove = await prisma.tenant.findUniqueOrThrow({ where: { slug: "woodgrove" } });
    expect(woodgrove).toMatchObject({ status: "onboarding", onboardedAt: null });
    expect(await prisma.onboardingDraft.count({ where: { tenantId: woodgrove.id } })).toBe(0);

    // Its starts answer "Finish onboarding" …
    const blocked = await owner.operations.preview({ tenant: "woodgrove", operation: "inventory.sync" });
    expect(blocked).toMatchObject({ outcome: "blocked", reason: "tenant_not_operable", nextStep: { label: "Finish onboarding", href: routes.onboarding() } });
    // … and that list has it, without a draft yet (the bug: only drafts were listed).
    const listed = await owner.onboarding.list({ workspace: "northwind" });
    expect(listed.items).toContainEqual({ tenant: { id: woodgrove.id, slug: "woodgrove", displayName: "Woodgrove Bank" }, draft: null });

    // Resuming gives it a draft at the step its state allows: it has a primary connection → verify.
    const resumed = await owner.onboarding.resume({ tenant: "woodgrove" });
    const primary = await prisma.providerConnection.findFirstOrThrow({ where: { tenantId: woodgrove.id, isPrimary: true } });
    expect(resumed).toMatchObject({ status: "open", step: "verify", tenant: { slug: "woodgrove" }, connection: { id: primary.id } });
    expect(await owner.onboarding.resume({ tenant: "woodgrove" })).toMatchObject({ id: resumed.id });
    expect((await owner.onboarding.list({ workspace: "northwind" })).items).toContainEqual(
      expect.objectContaining({ tenant: expect.objectContaining({ slug: "woodgrove" }), draft: expect.objectContaining({ id: resumed.id, step: "verify" }) }),
    );
    // Its check can be started from the resumed wizard.
    const verify = await owner.onboarding.advance({ draftId: resumed.id, step: "verify" });
    expect(verify.start).toMatchObject({ outcome: "accepted", run: { operation: "connection.check" } });

    // Starting again while a draft is open answers with that draft, not "is already in use".
    const again = await rejection(owner.onboarding.begin({ workspace: "northwind", tenant: { displayName: "Woodgrove Bank", slug: "woodgrove", microsoftTenantId: woodgrove.microsoftTenantId } }));
    expect(again).toMatchObject({ code: "BAD_REQUEST" });
    expect(again.message).toContain("tenant.slug: is being onboarded already");

    // Discard: the draft closes, the tenant (never active) is archived …
    expect(await owner.onboarding.cancel({ draftId: resumed.id })).toMatchObject({ status: "cancelled", tenant: { status: "archived", onboardedAt: null } });
    // … and onboarding it again under the same short name works, with the details entered now.
    const fresh = await owner.onboarding.begin({
      workspace: "northwind",
      tenant: { displayName: "Woodgrove Bank plc", slug: "woodgrove", microsoftTenantId: woodgrove.microsoftTenantId },
    });
    expect(fresh).toMatchObject({ status: "open", step: "connection", tenant: { id: woodgrove.id, displayName: "Woodgrove Bank plc", status: "onboarding" } });
    expect(await prisma.onboardingDraft.count({ where: { tenantId: woodgrove.id, status: "open" } })).toBe(1);
    const actions = await prisma.auditLogEntry.findMany({ where: { targetId: fresh.id }, select: { action: true } });
    expect(actions.map((entry) => entry.action).sort()).toEqual(["onboarding.details_saved", "onboarding.started"]);
  });

  it("starting again under the short name of a tenant left onboarding without a draft adopts it (the original failure)", async () => {
    const world = await seedWorld(prisma);
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id, { status: "onboarding", connection: null, name: "Stranded" });
    const owner = callerAs(env, world.users.owner);
    const draft = await owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Stranded Ltd", slug: tenant.slug, microsoftTenantId: randomUUID() } });
    expect(draft).toMatchObject({ step: "connection", tenant: { id: tenant.id, displayName: "Stranded Ltd", status: "onboarding" } });
    // Without a connection, resuming (now) finds that same draft.
    expect(await owner.onboarding.resume({ tenant: tenant.slug })).toMatchObject({ id: draft.id, step: "connection" });
  });
});

describe("drafts are made by their first save", () => {
  it("opening the wizard writes nothing; a refused first save writes nothing", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const drafts = await prisma.onboardingDraft.count();
    const tenants = await prisma.tenant.count();
    // What the wizard's first page reads.
    await owner.onboarding.list({ workspace: world.workspaces.home.slug });
    await rejection(owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Taken", slug: world.tenants.ready.tenant.slug, microsoftTenantId: randomUUID() } }));
    expect(await prisma.onboardingDraft.count()).toBe(drafts);
    expect(await prisma.tenant.count()).toBe(tenants);
  });

  it("a tenant onboarded once keeps its name after it is archived; unarchiving a never-onboarded tenant leads back to onboarding", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    await owner.tenants.archive({ tenant: world.tenants.ready.tenant.slug });
    const refused = await rejection(
      owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Again", slug: world.tenants.ready.tenant.slug, microsoftTenantId: randomUUID() } }),
    );
    expect(refused.message).toContain("tenant.slug: is already in use");
    expect(await rejection(owner.onboarding.resume({ tenant: world.tenants.ready.tenant.slug }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "This tenant is archived: an owner unarchives it first.",
    });
    expect(await owner.tenants.unarchive({ tenant: world.tenants.ready.tenant.slug })).toMatchObject({ status: "active" });

    const discarded = await owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Discarded", slug: slug(), microsoftTenantId: randomUUID() } });
    await owner.onboarding.cancel({ draftId: discarded.id });
    expect(await owner.tenants.unarchive({ tenant: discarded.tenant!.slug })).toMatchObject({ status: "onboarding" });
    expect(await rejection(owner.onboarding.resume({ tenant: world.tenants.ready.tenant.slug }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "This tenant has finished onboarding.",
    });
  });
});

describe("at most one open draft per tenant, under concurrency", () => {
  it("eight concurrent resumes of a draftless tenant make one draft and all answer it", async () => {
    const world = await seedWorld(prisma);
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id, { status: "onboarding", name: "Concurrent" });
    const owner = callerAs(env, world.users.owner);
    const answers = await Promise.all(Array.from({ length: 8 }, () => owner.onboarding.resume({ tenant: tenant.slug })));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(await prisma.onboardingDraft.count({ where: { tenantId: tenant.id, status: "open" } })).toBe(1);
    expect(await prisma.auditLogEntry.count({ where: { tenantId: tenant.id, action: "onboarding.resumed" } })).toBe(1);
  });

  it("eight concurrent first saves of one new short name make one tenant and one draft; the others are told to resume it", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const name = slug();
    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, () => owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Race", slug: name, microsoftTenantId: randomUUID() } })),
    );
    const made = settled.filter((outcome) => outcome.status === "fulfilled");
    expect(made).toHaveLength(1);
    for (const outcome of settled.filter((candidate) => candidate.status === "rejected")) {
      expect(String((outcome).reason)).toContain("is being onboarded already");
    }
    expect(await prisma.tenant.count({ where: { slug: name } })).toBe(1);
    expect(await prisma.onboardingDraft.count({ where: { tenant: { slug: name } } })).toBe(1);
  });

  it("the database refuses a second open draft for a tenant, whoever writes it", async () => {
    const world = await seedWorld(prisma);
    const { tenant } = await seedTenant(prisma, world.workspaces.home.id, { status: "onboarding" });
    const row = { workspaceId: world.workspaces.home.id, createdByUserId: world.users.owner.id, tenantId: tenant.id, step: "connection" };
    await prisma.onboardingDraft.create({ data: row });
    await expect(prisma.onboardingDraft.create({ data: row })).rejects.toThrow(/onboarding_drafts_one_open_per_tenant|tenant_id/);
    await expect(prisma.onboardingDraft.create({ data: { ...row, status: "cancelled" } })).resolves.toMatchObject({ status: "cancelled" });
  });
});

describe("the app registration step and consent's way back", () => {
  it("lists the catalogue's permissions per operation with the steps, and the consent link returns to the draft", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const draft = await owner.onboarding.begin({ workspace: world.workspaces.home.slug, tenant: { displayName: "Fabrikam", slug: slug(), microsoftTenantId: randomUUID() } });
    const { appRegistration } = draft;
    expect(appRegistration.permissions).toEqual([...allNeededPermissions].sort());
    expect(appRegistration.permissionsByOperation).toContainEqual({ operation: "restore.execute", label: "Restore backup", targetLabel: null, permissions: ["DeviceManagementConfiguration.ReadWrite.All"] });
    expect(appRegistration.permissionsByOperation).toContainEqual({
      operation: "report.generate",
      label: "Generate report",
      targetLabel: "Device compliance",
      permissions: ["DeviceManagementManagedDevices.Read.All"],
    });
    expect(appRegistration.permissionsByOperation.map((row) => row.operation)).not.toContain("connection.check");
    expect(appRegistration.redirectUri).toBe(`${testOrigin}/admin/provider-connections/consent`);
    expect(appRegistration.steps.join(" ")).toContain(appRegistration.permissions.join(", "));
    expect(draft.consent).toBeNull();

    const withConnection = await owner.onboarding.advance({
      draftId: draft.id,
      step: "connection",
      connection: { displayName: "Fabrikam app", clientId: randomUUID(), clientSecret: "s3cret" },
    });
    expect(withConnection.draft.step).toBe("verify");
    const view = await owner.onboarding.get({ draftId: draft.id });
    const link = new URL(view.consent!.url);
    expect(link.searchParams.get("state")).toBe(routes.onboardingDraft(draft.id));
    expect(link.searchParams.get("redirect_uri")).toBe(appRegistration.redirectUri);
    expect(view.consent!.returnTo).toBe(`/admin/onboarding/${draft.id}`);

    // connections.consentLink takes a return target of this app only.
    const connectionId = view.connection!.id;
    const back = await owner.connections.consentLink({ connectionId, returnTo: routes.onboardingDraft(draft.id) });
    expect(new URL(back.url).searchParams.get("state")).toBe(routes.onboardingDraft(draft.id));
    for (const returnTo of ["https://evil.example/admin/onboarding/x", "//evil.example", `/admin/onboarding/${draft.id}?next=//evil.example`, "/admin/t/contoso", "javascript:alert(1)"]) {
      const refused = await rejection(owner.connections.consentLink({ connectionId, returnTo }));
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toContain("returnTo");
    }
  });
});
