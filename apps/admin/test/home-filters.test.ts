// The home's URL state for its attention filters and its operation choice: good values become the
// list's filter (the same object a bulk start's "all matching" sends), bad ones read as absent.
import { describe, expect, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { operationChips, summaryChips } from "../app/tenants/home-chips";
import { homeFilter, homeReadinessOperation, homeSearch } from "../app/tenants/home-search";

const parse = (url: string) => homeSearch.parse(new URL(url, "http://admin.test").searchParams);

describe("the home's attention filters in the URL", () => {
  it("read failed last night, a secret expiry window and an operation into the list's filter", () => {
    const search = parse(routes.home({ operation: "report.generate:device-compliance", ready: "blocked", reason: "provider_permission_missing", failed: "24h", secrets: "7d" }));
    expect(homeFilter(search)).toEqual({
      readiness: { operation: "report.generate", reportKind: "device-compliance", outcome: "blocked", reason: "provider_permission_missing" },
      failedWithin24h: true,
      secretExpiry: "7d",
    });
  });

  it("read bad values as absent: the default operation, no failed or secret filter", () => {
    const search = parse("/admin?operation=restore.execute&failed=yes&secrets=14d&ready=ready");
    expect(search).toEqual({ ready: "ready" });
    expect(homeReadinessOperation(search)).toEqual({ operation: "inventory.sync" });
    expect(homeFilter(search)).toEqual({ readiness: { operation: "inventory.sync", outcome: "ready" } });
    expect(parse("/admin?operation=report.generate").operation).toBeUndefined();
  });
});

describe("the home's chips", () => {
  const summary = {
    tenants: { total: 9, byStatus: { active: 8, onboarding: 0, archived: 1 } },
    readiness: { operation: "backup.capture" as const, byOutcome: { ready: 4, deduped: 0, scope_busy: 0, blocked: 2 }, blockedByReason: { provider_consent_missing: 2 } },
    running: 0,
    failedLast24h: { tenants: 3, runs: 5 },
    secretExpiry: { expired: 2, within30Days: 1, within7Days: 0, within1Day: 0 },
  };

  it("name the chosen operation, filter the list, and a chip that is on links to the list without it", () => {
    const off = parse(routes.home({ operation: "backup.capture" }));
    const chips = summaryChips(summary, off);
    expect(chips.map((chip) => chip.label)).toEqual(["4 ready to capture backup", "2 need consent", "3 failed last night", "2 with an expired secret", "1 with a secret expiring within 30 days", "1 archived"]);
    const failed = chips.find((chip) => chip.value === "failed")!;
    expect(failed).toMatchObject({ href: routes.home({ operation: "backup.capture", failed: "24h" }), current: false });
    const on = parse(failed.href);
    expect(summaryChips(summary, on).find((chip) => chip.value === "failed")).toMatchObject({ href: routes.home({ operation: "backup.capture" }), current: true });
    // Choosing a secret window replaces the failed filter: each count is over the whole workspace.
    expect(summaryChips(summary, on).find((chip) => chip.value === "secrets-expired")?.href).toBe(routes.home({ operation: "backup.capture", secrets: "expired" }));
  });

  it("offer every bulk operation, the default one with the plain URL, the chosen one marked", () => {
    const chips = operationChips(parse(routes.home({ operation: "directory.sync", failed: "24h" })));
    expect(chips.map((chip) => chip.label)).toEqual([
      "Sync inventory",
      "Capture backup",
      "Sync directory",
      "Generate report · Device compliance",
      "Generate report · Policy inventory",
      "Check connection",
    ]);
    expect(chips.filter((chip) => chip.current).map((chip) => chip.label)).toEqual(["Sync directory"]);
    expect(chips[0]?.href).toBe(routes.home({ failed: "24h" }));
  });
});
