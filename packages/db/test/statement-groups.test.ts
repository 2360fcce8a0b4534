// The grouping rules of StatementGroups without a database (its statements are held and released by
// hand): an idle client sends at once, plans with one key never share a group nor fly together,
// independent plans fill groups in arrival order, and a failing group is retried plan by plan.
import { describe, expect, it } from "vitest";
import { StatementGroups } from "../src/statement-groups";

/**
 * Groups of "<key>:<n>" plans whose statements answer only when released (oldest first), recording
 * what each statement was sent.
 */
function heldGroups(options: { inFlight: number; maxGroup: number; keyed?: boolean }) {
  const sent: string[][] = [];
  const release: (() => void)[] = [];
  const groups = new StatementGroups<string, string>(
    (plans) => {
      sent.push([...plans]);
      return new Promise((resolve) => release.push(() => resolve(plans.map((plan) => `answer ${plan}`))));
    },
    {
      inFlight: options.inFlight,
      maxGroup: options.maxGroup,
      ...(options.keyed === false ? {} : { keyOf: (plan: string) => plan.split(":")[0]! }),
      failsEveryPlan: () => false,
    },
  );
  /** Answers the oldest statement in flight and lets the groups send what waited for it. */
  const releaseOldest = async () => {
    release.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { groups, sent, releaseOldest };
}

describe("StatementGroups", () => {
  it("sends a plan at once when nothing is in flight, and never two plans with one key in a group", async () => {
    const { groups, sent, releaseOldest } = heldGroups({ inFlight: 1, maxGroup: 3 });
    const answers = ["a:1", "b:1", "a:2", "c:1", "d:1", "e:1"].map((plan) => groups.submit(plan));
    expect(sent).toEqual([["a:1"]]);
    await releaseOldest();
    // a:2 shares a key with nothing in flight, but b, a, c fill the group of three in arrival order.
    expect(sent[1]).toEqual(["b:1", "a:2", "c:1"]);
    await releaseOldest();
    expect(sent[2]).toEqual(["d:1", "e:1"]);
    await releaseOldest();
    expect(await Promise.all(answers)).toEqual(["answer a:1", "answer b:1", "answer a:2", "answer c:1", "answer d:1", "answer e:1"]);
  });

  it("keeps a plan whose key is being decided until that decision is made, even with room in flight", async () => {
    const { groups, sent, releaseOldest } = heldGroups({ inFlight: 2, maxGroup: 8 });
    const answers = ["a:1", "a:2", "b:1"].map((plan) => groups.submit(plan));
    // a:2 waits for a:1 although a second group could go: b:1 goes instead.
    expect(sent).toEqual([["a:1"], ["b:1"]]);
    await releaseOldest();
    expect(sent[2]).toEqual(["a:2"]);
    await releaseOldest();
    await releaseOldest();
    expect(await Promise.all(answers)).toEqual(["answer a:1", "answer a:2", "answer b:1"]);
  });

  it("without a key rule, groups every waiting plan in arrival order, repeated keys included", async () => {
    const { groups, sent, releaseOldest } = heldGroups({ inFlight: 2, maxGroup: 3, keyed: false });
    const answers = ["a:1", "a:2", "a:3", "b:1", "a:4", "c:1", "d:1"].map((plan) => groups.submit(plan));
    // Two go at once (room in flight); the rest wait for a free place and go three at a time.
    expect(sent).toEqual([["a:1"], ["a:2"]]);
    await releaseOldest();
    expect(sent[2]).toEqual(["a:3", "b:1", "a:4"]);
    await releaseOldest();
    expect(sent[3]).toEqual(["c:1", "d:1"]);
    await releaseOldest();
    await releaseOldest();
    expect(await Promise.all(answers)).toEqual(["a:1", "a:2", "a:3", "b:1", "a:4", "c:1", "d:1"].map((plan) => `answer ${plan}`));
  });

  it("sends a failing group's plans again one by one, unless no plan caused the failure", async () => {
    const sent: string[][] = [];
    const unreachable = new Error("database unreachable");
    let down = false;
    const groups = new StatementGroups<string, string>(
      async (plans) => {
        sent.push([...plans]);
        if (down) throw unreachable;
        if (plans.length > 1 && plans.includes("bad")) throw new Error("bad breaks its group");
        if (plans[0] === "bad") throw new Error("bad alone");
        return plans.map((plan) => `answer ${plan}`);
      },
      { inFlight: 1, maxGroup: 8, keyOf: (plan) => plan, failsEveryPlan: (error) => error === unreachable },
    );
    const settled = await Promise.allSettled(["first", "good", "bad", "fine"].map((plan) => groups.submit(plan)));
    expect(settled.map((answer) => (answer.status === "fulfilled" ? answer.value : (answer.reason as Error).message))).toEqual([
      "answer first",
      "answer good",
      "bad alone",
      "answer fine",
    ]);
    expect(sent).toEqual([["first"], ["good", "bad", "fine"], ["good"], ["bad"], ["fine"]]);

    down = true;
    sent.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 0)); // the last group's bookkeeping ends after its answers
    const outage = await Promise.allSettled(["one", "two", "three"].map((plan) => groups.submit(plan)));
    expect(outage.every((answer) => answer.status === "rejected" && answer.reason === unreachable)).toBe(true);
    expect(sent).toEqual([["one"], ["two", "three"]]);
  });
});
