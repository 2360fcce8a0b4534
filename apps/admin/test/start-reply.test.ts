import { describe, expect, it } from "vitest";
import type { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { startKey, startReplyOf } from "../app/start/start-reply";

const result: StartResult = {
  outcome: "blocked",
  reason: "provider_consent_missing",
  message: "The provider connection has no admin consent in Microsoft Entra.",
  nextStep: { label: "Grant admin consent", href: "/admin/provider-connections/x" },
};

describe("start replies", () => {
  it("keys a control by operation and target", () => {
    expect(startKey("report.generate", "device-compliance")).toBe("report.generate:device-compliance");
    expect(startKey("inventory.sync", null)).toBe("inventory.sync:");
  });

  it("finds the start reply in action data and ignores other forms' answers", () => {
    const reply = { key: "inventory.sync:", operation: "inventory.sync" as const, target: null, result };
    expect(startReplyOf({ start: reply })).toBe(reply);
    expect(startReplyOf({ kind: "done", message: "Saved." })).toBeUndefined();
    expect(startReplyOf(undefined)).toBeUndefined();
  });
});
