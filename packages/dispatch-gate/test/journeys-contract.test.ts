// The browser-safe rules issue 17 added to the contract: where a consent round trip may return,
// how far a secret's end is, where a run stands with its attempts, which webhook URLs are accepted.
import { describe, expect, it } from "vitest";
import { attemptStateOf, describe as words, normalizeWebhookUrl, safeReturnTarget, secretExpiryOf, webhookUrlProblem } from "../src/contract";

const DAY = 86_400_000;
const now = new Date("2026-12-01T12:00:00Z");

describe("safeReturnTarget", () => {
  it("accepts exactly an onboarding draft or a connection page of this app", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(safeReturnTarget(`/admin/onboarding/${id}`)).toBe(`/admin/onboarding/${id}`);
    expect(safeReturnTarget(`/admin/provider-connections/${id}`)).toBe(`/admin/provider-connections/${id}`);
    for (const value of [
      `https://evil.example/admin/onboarding/${id}`,
      `//evil.example/admin/onboarding/${id}`,
      `/admin/onboarding/${id}?next=https://evil.example`,
      `/admin/onboarding/${id}#x`,
      `/admin/onboarding/${id}/../../t/contoso`,
      `/\\evil.example`,
      "/admin/onboarding/new",
      "/admin/t/contoso",
      "javascript:alert(1)",
      "",
      null,
      42,
    ]) {
      expect(safeReturnTarget(value), String(value)).toBeNull();
    }
  });
});

describe("secretExpiryOf", () => {
  it("names the smallest threshold the end is within, whole days rounded up", () => {
    expect(secretExpiryOf(null, now)).toEqual({ state: "none", expiresAt: null, daysLeft: null, threshold: null });
    expect(secretExpiryOf(new Date(now.getTime() + 45 * DAY), now)).toMatchObject({ state: "ok", daysLeft: 45, threshold: null });
    expect(secretExpiryOf(new Date(now.getTime() + 30 * DAY), now)).toMatchObject({ state: "expiring", daysLeft: 30, threshold: 30 });
    expect(secretExpiryOf(new Date(now.getTime() + 6.5 * DAY), now)).toMatchObject({ state: "expiring", daysLeft: 7, threshold: 7 });
    expect(secretExpiryOf(new Date(now.getTime() + 3_600_000), now)).toMatchObject({ state: "expiring", daysLeft: 1, threshold: 1 });
    expect(secretExpiryOf(new Date(now.getTime() - 1), now)).toMatchObject({ state: "expired", daysLeft: 0, threshold: null });
    expect(words({ secretExpiry: secretExpiryOf(new Date(now.getTime() + 6.5 * DAY), now) })).toBe("Expires in 7 days on 2026-12-08");
    expect(words({ secretExpiry: secretExpiryOf(new Date(now.getTime() + 3_600_000), now) })).toBe("Expires within a day on 2026-12-01");
    expect(words({ secretExpiry: secretExpiryOf(new Date(now.getTime() - DAY), now) })).toBe("Expired on 2026-11-30");
  });
});

describe("attemptStateOf", () => {
  const run = { operation: "inventory.sync" as const, attempt: 1, maxAttempts: 3, reasonCode: null, retries: [] };
  it("waiting, in progress, pausing before the next attempt, final", () => {
    expect(attemptStateOf({ ...run, status: "queued", attempt: 0 }, now)).toEqual({ state: "waiting" });
    expect(attemptStateOf({ ...run, status: "running" }, now)).toEqual({ state: "in_progress", attempt: 1, maxAttempts: 3 });
    const pausing = { ...run, status: "running" as const, attempt: 2, retries: [{ attempt: 1, reason: "provider_unavailable", at: new Date(now.getTime() - 1_000), retryInMs: 5_000 }] };
    expect(attemptStateOf(pausing, now)).toEqual({
      state: "will_retry",
      at: new Date(now.getTime() + 4_000),
      failedAttempt: 1,
      nextAttempt: 2,
      maxAttempts: 3,
      reason: "provider_unavailable",
    });
    expect(words({ attempts: attemptStateOf(pausing, now), operation: "inventory.sync" })).toBe(
      "Attempt 1 of 3 failed (Microsoft Graph was unavailable); will retry at 12:00:04 UTC (attempt 2 of 3).",
    );
    // Once the pause is over, the next attempt is in progress.
    expect(attemptStateOf(pausing, new Date(now.getTime() + 5_000))).toMatchObject({ state: "in_progress", attempt: 2 });
    expect(attemptStateOf({ ...run, status: "succeeded" }, now)).toMatchObject({ state: "final", because: "succeeded" });
    expect(attemptStateOf({ ...run, status: "cancelled" }, now)).toMatchObject({ state: "final", because: "cancelled" });
    expect(attemptStateOf({ ...run, status: "failed", attempt: 3, reasonCode: "provider_throttled" }, now)).toMatchObject({ state: "final", because: "attempts_used" });
    expect(attemptStateOf({ ...run, status: "failed", reasonCode: "provider_consent_missing" }, now)).toMatchObject({ state: "final", because: "not_retried" });
    expect(attemptStateOf({ ...run, operation: "restore.execute", maxAttempts: 1, status: "partially_succeeded" }, now)).toMatchObject({ state: "final", because: "single_attempt" });
  });
});

describe("webhookUrlProblem", () => {
  it("accepts http(s) URLs with a host; refuses other schemes, credentials, fragments and junk", () => {
    for (const url of ["https://hooks.example.com/x?team=1", "http://10.0.0.5:8080/hook", "https://[2001:db8::1]/hook"]) expect(webhookUrlProblem(url), url).toBeNull();
    expect(webhookUrlProblem("ftp://hooks.example.com/x")).toBe("must start with https:// (or http://)");
    expect(webhookUrlProblem("https://user:pw@hooks.example.com/x")).toBe("must not carry a user name or password");
    expect(webhookUrlProblem("https://hooks.example.com/x#frag")).toBe("must not have a #fragment");
    expect(webhookUrlProblem("not a url")).toBe("is not an absolute URL");
    expect(webhookUrlProblem(`https://hooks.example.com/${"x".repeat(2_001)}`)).toMatch(/at most/);
    expect(normalizeWebhookUrl("https://HOOKS.example.com")).toBe("https://hooks.example.com/");
  });
});
