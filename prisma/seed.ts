// The demo data `npm start` puts in an empty database, and `npm run db:seed` (re)applies.
// Idempotent: every row is found by a natural key (slug, email) and brought to the demo state.
// Each tenant models one situation the gate must answer (see `demoTenants` in provider-graph, which
// the sandbox Microsoft tenant configures identically, so database and "Microsoft" agree).
import { fileURLToPath } from "node:url";
import { hashPassword, loadEncryptionKey, sealSecret, type EncryptionKey } from "@tenantpilot/auth";
import { createPrismaClient, resolveDatabase, type PrismaClient } from "@tenantpilot/db";
import { allNeededPermissions } from "@tenantpilot/dispatch-gate/contract";
import { demoTenants, type DemoTenant } from "@tenantpilot/provider-graph";

const DEMO_PASSWORD = "tenantpilot-demo";
const DAY = 86_400_000;

export const demoLogins = [
  { role: "owner", email: "owner@northwind.test", name: "Olivia Owner" },
  { role: "manager", email: "manager@northwind.test", name: "Max Manager" },
  { role: "operator", email: "operator@northwind.test", name: "Oscar Operator" },
  { role: "readonly", email: "readonly@northwind.test", name: "Rita Readonly" },
].map((login) => ({ ...login, password: DEMO_PASSWORD }));

/** An operator limited to one tenant (all_tenants = false + one entitlement). */
const restrictedOperator = { email: "contractor@northwind.test", name: "Casey Contractor" };
/** The other workspace: Northwind's users must never see any of it. */
const otherWorkspace = { slug: "fabrikam", name: "Fabrikam Partners", owner: { email: "owner@fabrikam.test", name: "Fiona Fabrikam" } };

const allPermissions = [...allNeededPermissions].sort();

export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.workspace.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}

export async function seedDemo(prisma: PrismaClient, key: EncryptionKey = loadEncryptionKey()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const northwind = await prisma.workspace.upsert({
    where: { slug: "northwind" },
    update: {},
    create: { slug: "northwind", name: "Northwind MSP" },
  });
  for (const login of demoLogins) {
    const user = await upsertUser(prisma, login.email, login.name, passwordHash);
    await prisma.membership.upsert({
      where: { workspaceId_userId: { workspaceId: northwind.id, userId: user.id } },
      update: { role: login.role, allTenants: true },
      create: { workspaceId: northwind.id, userId: user.id, role: login.role },
    });
  }

  const northwindTenants = demoTenants.filter((tenant) => tenant.workspace === "northwind");
  for (const demo of northwindTenants) await upsertTenant(prisma, northwind.id, demo, key);

  const contractor = await upsertUser(prisma, restrictedOperator.email, restrictedOperator.name, passwordHash);
  const contractorMembership = await prisma.membership.upsert({
    where: { workspaceId_userId: { workspaceId: northwind.id, userId: contractor.id } },
    update: { role: "operator", allTenants: false },
    create: { workspaceId: northwind.id, userId: contractor.id, role: "operator", allTenants: false },
  });
  const entitled = await prisma.tenant.findUniqueOrThrow({ where: { slug: northwindTenants[0]!.slug } });
  await prisma.tenantEntitlement.upsert({
    where: { membershipId_tenantId: { membershipId: contractorMembership.id, tenantId: entitled.id } },
    update: {},
    create: { membershipId: contractorMembership.id, tenantId: entitled.id },
  });

  // Tags to filter and bulk-start by ("sync every EU customer").
  for (const [name, slugs] of Object.entries(demoTags)) await upsertTag(prisma, northwind.id, name, slugs);

  const fabrikam = await prisma.workspace.upsert({
    where: { slug: otherWorkspace.slug },
    update: {},
    create: { slug: otherWorkspace.slug, name: otherWorkspace.name },
  });
  const fabrikamOwner = await upsertUser(prisma, otherWorkspace.owner.email, otherWorkspace.owner.name, passwordHash);
  await prisma.membership.upsert({
    where: { workspaceId_userId: { workspaceId: fabrikam.id, userId: fabrikamOwner.id } },
    update: { role: "owner" },
    create: { workspaceId: fabrikam.id, userId: fabrikamOwner.id, role: "owner" },
  });
  for (const demo of demoTenants.filter((tenant) => tenant.workspace === "fabrikam")) {
    await upsertTenant(prisma, fabrikam.id, demo, key);
  }
}

/** Demo tags of the northwind workspace, by tenant slug. */
const demoTags: Record<string, string[]> = { EU: ["contoso", "adatum", "litware"], "Gold support": ["contoso", "tailspin"] };

async function upsertTag(prisma: PrismaClient, workspaceId: string, name: string, slugs: string[]) {
  const tag = (await prisma.tag.findFirst({ where: { workspaceId, name } })) ?? (await prisma.tag.create({ data: { workspaceId, name } }));
  const tenants = await prisma.tenant.findMany({ where: { workspaceId, slug: { in: slugs } }, select: { id: true } });
  await prisma.tenantTag.createMany({ data: tenants.map((tenant) => ({ tagId: tag.id, tenantId: tenant.id, workspaceId })), skipDuplicates: true });
}

function upsertUser(prisma: PrismaClient, email: string, displayName: string, passwordHash: string) {
  return prisma.user.upsert({
    where: { email },
    update: { displayName, passwordHash },
    create: { email, displayName, passwordHash },
  });
}

async function upsertTenant(prisma: PrismaClient, workspaceId: string, demo: DemoTenant, key: EncryptionKey) {
  const status = demo.condition === "onboarding" ? "onboarding" : demo.condition === "archived" ? "archived" : "active";
  const tenant = await prisma.tenant.upsert({
    where: { slug: demo.slug },
    update: { displayName: demo.displayName, status, primaryDomain: `${demo.slug}.onmicrosoft.com` },
    create: {
      workspaceId,
      slug: demo.slug,
      displayName: demo.displayName,
      microsoftTenantId: demo.microsoftTenantId,
      primaryDomain: `${demo.slug}.onmicrosoft.com`,
      status,
    },
  });
  if (demo.condition === "no_connection") return tenant;

  const now = Date.now();
  const connection = {
    displayName: `${demo.displayName} — Graph app`,
    clientId: demo.clientId,
    clientSecretEncrypted: sealSecret(demo.clientSecret, key),
    clientSecretExpiresAt: new Date(demo.condition === "secret_expired" ? now - 3 * DAY : now + 180 * DAY),
    consentState: demo.condition === "consent_missing" ? "pending" : "granted",
    grantedPermissions:
      demo.condition === "permission_missing"
        ? allPermissions.filter((permission) => !demo.missingPermissions?.includes(permission))
        : allPermissions,
    isPrimary: true,
    enabled: true,
  };
  const existing = await prisma.providerConnection.findFirst({ where: { tenantId: tenant.id, isPrimary: true } });
  if (existing) {
    await prisma.providerConnection.update({ where: { id: existing.id }, data: connection });
  } else {
    await prisma.providerConnection.create({ data: { ...connection, tenantId: tenant.id } });
  }
  return tenant;
}

// `npm run db:seed`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const database = await resolveDatabase();
  const prisma = createPrismaClient(database.url, { maxConnections: 2 });
  try {
    await seedDemo(prisma);
    process.stdout.write("demo data seeded\n");
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}
