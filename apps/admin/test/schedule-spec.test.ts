// The schedule form → the API's schedule spec: the choices the form offers become a TenantSelection
// (every tenant, a tag's, only those ready), the default schedule's "active" filter survives an
// edit, a selection the form cannot express travels unchanged, and a choice it does not offer is
// refused naming the field.
import { describe, expect, it } from "vitest";
import { scheduleWhen } from "@tenantpilot/dispatch-gate/contract";
import { scheduleSpecFrom } from "../app/settings/schedule-spec.server";
import { selectionWords } from "../app/settings/selection-words";

const tagId = "6f1c1d7e-3b0a-4c59-9d5e-0d6b4f1f2a11";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries({ name: "Weekly", operation: "backup.capture", tenants: "all", cadence: "weekly", weekday: "5", time: "22:30", ...fields })) {
    data.set(name, value);
  }
  return data;
}

describe("schedule form", () => {
  it("a tag, only ready tenants, weekly on Friday", () => {
    expect(scheduleSpecFrom(form({ tenants: `tag:${tagId}`, onlyReady: "yes" }))).toEqual({
      ok: true,
      spec: {
        operation: "backup.capture",
        name: "Weekly",
        cadence: "weekly",
        weekday: 5,
        time: "22:30",
        selection: { kind: "filter", filter: { tagId, readiness: { operation: "backup.capture", outcome: "ready" } } },
      },
    });
  });

  it("daily names no weekday; the default schedule's active-tenants filter is kept; a report names its kind", () => {
    const parsed = scheduleSpecFrom(form({ cadence: "daily", status: "active", operation: "report.generate", reportKind: "device-compliance" }));
    expect(parsed).toEqual({
      ok: true,
      spec: { operation: "report.generate", reportKind: "device-compliance", name: "Weekly", cadence: "daily", time: "22:30", selection: { kind: "filter", filter: { status: "active" } } },
    });
  });

  it("keeps a selection of named tenants unless another is chosen", () => {
    const kept = JSON.stringify({ kind: "tenants", tenants: ["contoso", "adatum"] });
    const parsed = scheduleSpecFrom(form({ tenants: "kept", keptSelection: kept }));
    expect(parsed.ok && parsed.spec.selection).toEqual({ kind: "tenants", tenants: ["contoso", "adatum"] });
    const replaced = scheduleSpecFrom(form({ tenants: "all", keptSelection: kept }));
    expect(replaced.ok && replaced.spec.selection).toEqual({ kind: "filter", filter: {} });
  });

  it("refuses what the form does not offer, naming the field", () => {
    expect(scheduleSpecFrom(form({ operation: "restore.execute" }))).toMatchObject({ ok: false, problem: { fieldErrors: { operation: ["choose an operation"] } } });
    expect(scheduleSpecFrom(form({ operation: "report.generate", reportKind: "nope" }))).toMatchObject({ ok: false, problem: { fieldErrors: { reportKind: ["choose a report"] } } });
    expect(scheduleSpecFrom(form({ cadence: "hourly" }))).toMatchObject({ ok: false, problem: { fieldErrors: { cadence: ["choose daily or weekly"] } } });
    expect(scheduleSpecFrom(form({ tenants: "kept", keptSelection: "{" }))).toMatchObject({ ok: false, problem: { fieldErrors: { selection: ["choose the tenants"] } } });
  });
});

describe("schedule words", () => {
  it("say when and on which tenants", () => {
    expect(scheduleWhen({ cadence: "weekly", weekday: 5, time: "22:30" })).toBe("every Friday at 22:30");
    expect(scheduleWhen({ cadence: "daily", weekday: null, time: "02:00" })).toBe("every day at 02:00");
    const tags = [{ id: tagId, name: "EU" }];
    expect(selectionWords({ kind: "filter", filter: { status: "active" } }, tags)).toBe("Every active tenant");
    expect(selectionWords({ kind: "filter", filter: { tagId, readiness: { operation: "inventory.sync", outcome: "ready" } } }, tags)).toBe(
      "Tenants tagged “EU” ready for Sync inventory",
    );
    expect(selectionWords({ kind: "tenants", tenants: ["a", "b"] }, tags)).toBe("2 named tenants");
  });
});
