import { describe, expect, it } from "vitest";
import { describe as describeWords } from "../src/contract";

describe("a run's duration in words", () => {
  it("is short enough for a column and exact enough to compare runs", () => {
    expect(describeWords({ durationMs: null })).toBe("Not started");
    expect(describeWords({ durationMs: 0 })).toBe("Under a second");
    expect(describeWords({ durationMs: 999 })).toBe("Under a second");
    expect(describeWords({ durationMs: 45_400 })).toBe("45 s");
    expect(describeWords({ durationMs: 60_000 })).toBe("1 min");
    expect(describeWords({ durationMs: 90_000 })).toBe("1 min 30 s");
    expect(describeWords({ durationMs: 3_600_000 })).toBe("1 h");
    expect(describeWords({ durationMs: 7_500_000 })).toBe("2 h 5 min");
  });
});
