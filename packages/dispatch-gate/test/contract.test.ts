import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  activeRunStatuses,
  allGraphPermissions,
  describe as describeWords,
  grantsPermission,
  matchStartResult,
  operationCatalog,
  operationIds,
  outcomeWords,
  permissionNeeds,
  permissionsNeeded,
  reasonCatalog,
  reasonCodes,
  routes,
  sectionOf,
  withSearch,
  StartResult,
  PreviewResult,
} from "../src/contract";

const runId = "8a1e4c52-3b7e-4d7c-9a55-0d6c1f0b9e21";

describe("operation catalogue", () => {
  it("has one entry per operation id, keyed by its own id", () => {
    expect(Object.keys(operationCatalog).sort()).toEqual([...operationIds].sort());
    for (const id of operationIds) expect(operationCatalog[id].id).toBe(id);
  });

  it("matches the design table: scopes, permissions, capability", () => {
    const t = "00000000-0000-4000-8000-000000000001";
    expect(operationCatalog["inventory.sync"].scope.key(t)).toBe("policies");
    expect(operationCatalog["backup.capture"].scope.key(t)).toBe("policies");
    expect(operationCatalog["restore.execute"].scope.key(t)).toBe("policies");
    expect(operationCatalog["directory.sync"].scope.key(t)).toBe("directory");
    expect(operationCatalog["report.generate"].scope.key("device-compliance")).toBe("reports");
    expect(operationCatalog["connection.check"].scope.key("c-1")).toBe("connection:c-1");
    expect(permissionsNeeded("directory.sync")).toEqual(["Group.Read.All", "User.Read.All"]);
    expect(permissionsNeeded("inventory.sync")).toEqual(["DeviceManagementConfiguration.Read.All"]);
    expect(permissionsNeeded("restore.execute", { policyFamilies: ["settingsCatalog"] })).toEqual(["DeviceManagementConfiguration.ReadWrite.All"]);
    expect(permissionsNeeded("connection.check")).toEqual([]);
    for (const id of operationIds) {
      expect(operationCatalog[id].requiredCapability).toBe(id === "restore.execute" ? "operations.restore" : "operations.start");
    }
    const tasks = operationIds.map((id) => operationCatalog[id].taskIdentifier);
    expect(new Set(tasks).size).toBe(tasks.length);
  });
});

describe("permission needs", () => {
  it("states report permissions per report kind", () => {
    expect(permissionsNeeded("report.generate", { reportKind: "device-compliance" })).toEqual(["DeviceManagementManagedDevices.Read.All"]);
    expect(permissionsNeeded("report.generate", { reportKind: "policy-inventory" })).toEqual(["DeviceManagementConfiguration.Read.All"]);
    expect(permissionsNeeded("report.generate", { reportKind: "unknown" })).toEqual([]);
  });

  it("lists every operation that needs permissions once, and the report operation once per kind", () => {
    expect(permissionNeeds.map((need) => need.key)).toEqual([
      "inventory.sync",
      "backup.capture",
      "restore.execute",
      "directory.sync",
      "report.generate:device-compliance",
      "report.generate:policy-inventory",
    ]);
  });
});

describe("grantsPermission (Microsoft's broader grants)", () => {
  it("accepts the permission itself and the broader ones Graph documents", () => {
    expect(grantsPermission(["User.Read.All"], "User.Read.All")).toBe(true);
    expect(grantsPermission(["Directory.Read.All"], "User.Read.All")).toBe(true);
    expect(grantsPermission(["Directory.ReadWrite.All"], "Group.Read.All")).toBe(true);
    expect(grantsPermission(["Group.ReadWrite.All"], "Group.Read.All")).toBe(true);
    expect(grantsPermission(["DeviceManagementConfiguration.ReadWrite.All"], "DeviceManagementConfiguration.Read.All")).toBe(true);
    expect(grantsPermission(["DeviceManagementManagedDevices.ReadWrite.All"], "DeviceManagementManagedDevices.Read.All")).toBe(true);
  });

  it("never takes a narrower or unrelated grant", () => {
    expect(grantsPermission(["DeviceManagementConfiguration.Read.All"], "DeviceManagementConfiguration.ReadWrite.All")).toBe(false);
    expect(grantsPermission(["Directory.ReadWrite.All"], "DeviceManagementConfiguration.Read.All")).toBe(false);
    expect(grantsPermission(["User.Read.All"], "Group.Read.All")).toBe(false);
    expect(grantsPermission(["Directory.Read.All"], "User.ReadWrite.All")).toBe(false);
    expect(grantsPermission([], "User.Read.All")).toBe(false);
  });

  it("judges a frozen grant list (one shared by many contexts, its Set kept) exactly as a fresh one, every time", () => {
    const granted = ["Directory.Read.All", "DeviceManagementConfiguration.Read.All"];
    const shared = Object.freeze([...granted]);
    for (let round = 0; round < 2; round++) {
      for (const need of allGraphPermissions) {
        expect(grantsPermission(shared, need), need).toBe(grantsPermission([...granted], need));
      }
    }
    // Another frozen list with other grants is judged by its own grants, not the first one's Set.
    const other = Object.freeze(["DeviceManagementConfiguration.ReadWrite.All"]);
    expect(grantsPermission(other, "User.Read.All")).toBe(false);
    expect(grantsPermission(other, "DeviceManagementConfiguration.ReadWrite.All")).toBe(true);
    expect(grantsPermission(shared, "DeviceManagementConfiguration.ReadWrite.All")).toBe(false);
  });
});

describe("reason catalogue", () => {
  it("routes every reason somewhere inside the admin app with a sentence and a label", () => {
    for (const code of reasonCodes) {
      const { message, nextStep } = describeWords({ reason: code, context: { tenantSlug: "contoso", connectionId: "c-1", runId } });
      expect(message.length).toBeGreaterThan(10);
      expect(nextStep.label.length).toBeGreaterThan(3);
      expect(nextStep.href.startsWith("/admin/")).toBe(true);
      expect(["preflight", "execution"]).toContain(reasonCatalog[code].phase);
    }
  });

  it("names the missing permissions and resolves on the connection", () => {
    const d = describeWords({
      reason: "provider_permission_missing",
      context: { tenantSlug: "contoso", connectionId: "c-1" },
      detail: { missingPermissions: ["Group.Read.All", "User.Read.All"] },
    });
    expect(d.message).toBe("The provider connection lacks the Microsoft Graph permissions: Group.Read.All, User.Read.All.");
    expect(d.nextStep).toEqual({ label: "Grant the missing permissions", href: "/admin/provider-connections/c-1" });
  });

  it("sends a missing connection to the create form for this tenant", () => {
    expect(describeWords({ reason: "provider_connection_missing", context: { tenantSlug: "contoso" } }).nextStep.href).toBe(
      "/admin/provider-connections/new?tenant=contoso",
    );
  });

  it("uses the run link for execution reasons when a run is known", () => {
    expect(describeWords({ reason: "worker_lost", context: { tenantSlug: "contoso", runId } }).nextStep.href).toBe(routes.run(runId));
    expect(describeWords({ reason: "worker_lost", context: { tenantSlug: "contoso" } }).nextStep.href).toBe("/admin/t/contoso");
  });

  it("keeps the special cases in their catalogue entries", () => {
    const ctx = { tenantSlug: "contoso" };
    expect(describeWords({ reason: "tenant_not_operable", context: ctx, detail: { tenantStatus: "onboarding" } })).toEqual({
      message: "This tenant has not finished onboarding.",
      nextStep: { label: "Finish onboarding", href: "/admin/onboarding" },
    });
    expect(describeWords({ reason: "tenant_not_operable", context: ctx, detail: { tenantStatus: "archived" } })).toEqual({
      message: "This tenant is archived. An owner can unarchive it.",
      nextStep: { label: "Unarchive the tenant", href: "/admin?status=archived&search=contoso" },
    });
    expect(describeWords({ reason: "provider_permission_missing", context: ctx, detail: { missingPermissions: [] } }).message).toBe(
      reasonCatalog.provider_permission_missing.sentence,
    );
  });
});

describe("describe: the one place states become words", () => {
  it("words stored states and vocabulary; an unknown stored value is shown as stored", () => {
    expect(describeWords({ runStatus: "partially_succeeded" })).toBe("Partially succeeded");
    expect(describeWords({ tenantStatus: "archived" })).toBe("Archived");
    expect(describeWords({ backupSetStatus: "capturing" })).toBe("Capturing");
    expect(describeWords({ consentState: "revoked" })).toBe("Consent revoked");
    expect(describeWords({ role: "readonly" })).toBe("Read-only");
    expect(describeWords({ onboardingStep: "first_sync" })).toBe("First sync");
    expect(describeWords({ policyFamily: "settingsCatalog" })).toBe("Settings catalog policy");
    expect(describeWords({ auditAction: "operation.blocked" })).toBe("Start blocked");
    expect(describeWords({ auditAction: "something.new" })).toBe("something.new");
    expect(describeWords({ tenantStatus: "toString" })).toBe("toString");
  });
});

describe("StartResult", () => {
  const run = { id: runId, operation: "inventory.sync", status: "queued", href: routes.run(runId) } as const;

  it("parses each outcome and rejects unknown ones", () => {
    expect(StartResult.parse({ outcome: "deduped", run }).outcome).toBe("deduped");
    expect(() => StartResult.parse({ outcome: "ready", connection: {} })).toThrow();
    expect(
      PreviewResult.parse({
        outcome: "ready",
        connection: { id: "c", displayName: "Main", clientId: "x", identityVersion: 1 },
      }).outcome,
    ).toBe("ready");
  });

  it("dispatches to the matching handler", () => {
    const words = (r: StartResult) =>
      matchStartResult(r, {
        accepted: () => outcomeWords.accepted,
        deduped: () => outcomeWords.deduped,
        scope_busy: () => outcomeWords.scope_busy,
        blocked: () => outcomeWords.blocked,
      });
    expect(words({ outcome: "deduped", run })).toBe("Already running");
    expect(
      words({ outcome: "scope_busy", scope: { tenantId: "t", scopeKey: "policies", label: "Intune policies" }, blockingRun: run }),
    ).toBe("Scope busy");
  });

  it("treats queued and running as active", () => {
    expect([...activeRunStatuses]).toEqual(["queued", "running"]);
  });
});

describe("contract module", () => {
  it("is browser-safe: imports zod and its own files only", () => {
    const dir = fileURLToPath(new URL("../src/contract/", import.meta.url));
    const files = readdirSync(dir).filter((name) => name.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const source = readFileSync(`${dir}${file}`, "utf8");
      const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
      for (const specifier of specifiers) {
        expect(specifier === "zod" || specifier!.startsWith("./"), `${file} imports ${specifier}`).toBe(true);
      }
    }
  });
});

describe("routes", () => {
  it("encodes every path segment and every search value", () => {
    expect(routes.tenant("a/b c")).toBe("/admin/t/a%2Fb%20c");
    expect(routes.backupSet("contoso", "x?y")).toBe("/admin/t/contoso/backups/x%3Fy");
    expect(routes.tenantInventory("contoso", { q: "a&b c", type: "deviceConfiguration" })).toBe("/admin/t/contoso/inventory?q=a%26b+c&type=deviceConfiguration");
    expect(routes.login({ redirectTo: "/admin/operations?status=failed" })).toBe("/login?redirectTo=%2Fadmin%2Foperations%3Fstatus%3Dfailed");
  });

  it("leaves absent and empty values out, in the order given, and repeats a list", () => {
    expect(routes.operations({ tenant: "contoso", status: undefined, operation: "inventory.sync", cursor: "" })).toBe("/admin/operations?tenant=contoso&operation=inventory.sync");
    expect(routes.operations({})).toBe("/admin/operations");
    expect(withSearch("/admin", { tag: ["EU", "", "Gold"], q: undefined })).toBe("/admin?tag=EU&tag=Gold");
  });

  it("names the section a path belongs to: tenant pages are the home's", () => {
    expect(sectionOf(routes.home())).toBe("home");
    expect(sectionOf(routes.tenantDirectory("contoso"))).toBe("home");
    expect(sectionOf(routes.run(runId))).toBe("operations");
    expect(sectionOf(routes.newConnection({ tenant: "contoso" }))).toBe("connections");
    expect(sectionOf(routes.onboardingDraft(runId))).toBe("onboarding");
    expect(sectionOf("/login")).toBeUndefined();
  });
});
