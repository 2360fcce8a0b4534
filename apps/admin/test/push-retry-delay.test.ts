// How long a page polls before it tries a failed push channel again: soon after the first failure
// (a restarted server is back in seconds), twice as long after each further failure, at most five
// minutes (a proxy that always drops event streams costs one refused request per tab every 5 minutes).
import { describe, expect, it } from "vitest";
import { pushRetryDelay, pushRetryFirstMs, pushRetryMaxMs } from "../app/live/push-failure";

describe("pushRetryDelay", () => {
  it("doubles from the first delay and stops at the last", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(pushRetryDelay)).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
    expect(pushRetryDelay(1)).toBe(pushRetryFirstMs);
    expect(pushRetryDelay(1_000)).toBe(pushRetryMaxMs);
  });
});
