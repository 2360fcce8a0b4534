import { performance } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { login } from "../src/login";
import { defaultLoginThrottlePolicy, deleteExpiredLoginThrottles, hashSubject } from "../src/login-throttle";
import { testPrisma } from "@tenantpilot/test-support";
import { createUser, uniqueSuffix } from "./fixtures";

// Enough connections for the concurrency tests below.
const prisma = testPrisma(30);
afterAll(() => prisma.$disconnect());

const PASSWORD = "a long correct password";
let ipCounter = 0;
/** A distinct client address per test, so tests do not share the per-network counter. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

async function attempts(scope: "email" | "ip", subject: string): Promise<number | null> {
  const row = await prisma.loginThrottle.findUnique({
    where: { scope_subjectHash: { scope, subjectHash: hashSubject(scope, subject) } },
  });
  return row?.attempts ?? null;
}

describe("login", () => {
  it("accepts the right password, whatever the email's case and surrounding spaces", async () => {
    const user = await createUser(prisma, { email: `ada-${uniqueSuffix()}@example.test`, password: PASSWORD });
    const ip = freshIp();
    expect(await login(prisma, { email: user.email, password: PASSWORD, ip })).toEqual({ ok: true, userId: user.id });
    expect(await login(prisma, { email: `  ${user.email.toUpperCase()} `, password: PASSWORD, ip })).toEqual({
      ok: true,
      userId: user.id,
    });
    // Successful logins leave no failures behind.
    expect(await attempts("email", user.email)).toBeNull();
    expect(await attempts("ip", ip)).toBe(0);
  });

  it("answers wrong password, unknown email and password-less account identically", async () => {
    const user = await createUser(prisma, { password: PASSWORD });
    const passwordless = await createUser(prisma, { password: null });
    const ip = freshIp();
    const answers = [
      await login(prisma, { email: user.email, password: "the wrong password", ip }),
      await login(prisma, { email: `nobody-${uniqueSuffix()}@example.test`, password: PASSWORD, ip }),
      await login(prisma, { email: passwordless.email, password: PASSWORD, ip }),
      await login(prisma, { email: user.email, password: "x".repeat(10_000), ip }),
    ];
    for (const answer of answers) expect(answer).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("spends the same argon2 work on an unknown email as on a wrong password", async () => {
    const user = await createUser(prisma, { password: PASSWORD });
    const policy = { email: { maxAttempts: 100, windowSeconds: 900 }, ip: { maxAttempts: 100, windowSeconds: 900 } };
    const timed = async (email: string) => {
      const started = performance.now();
      await login(prisma, { email, password: "the wrong password", ip: freshIp() }, { throttle: policy });
      return performance.now() - started;
    };
    const ghost = `ghost-${uniqueSuffix()}@example.test`;
    // Interleaved, so a change in machine load (other test files run in parallel) hits both alike.
    let known = Infinity;
    let unknown = Infinity;
    for (let i = 0; i < 7; i += 1) {
      known = Math.min(known, await timed(user.email));
      unknown = Math.min(unknown, await timed(ghost));
    }
    // Without the dummy hash an unknown email answers in a few milliseconds, a known one
    // after ~20–40 ms of argon2: a ratio near 0.1. Fastest-of-seven keeps scheduler noise out.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(3);
  });

  it("throttles an email after 5 failures in 15 minutes, even with the right password", async () => {
    const user = await createUser(prisma, { password: PASSWORD });
    for (let i = 0; i < 5; i += 1) {
      expect(await login(prisma, { email: user.email, password: `wrong ${i}`, ip: freshIp() })).toEqual({
        ok: false,
        error: "invalid_credentials",
      });
    }
    const throttled = await login(prisma, { email: user.email, password: PASSWORD, ip: freshIp() });
    expect(throttled).toMatchObject({ ok: false, error: "throttled" });
    if (throttled.ok || throttled.error !== "throttled") throw new Error("expected throttled");
    expect(throttled.retryAfterSeconds).toBeGreaterThan(890);
    expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(await attempts("email", user.email)).toBe(5);
  });

  it("throttles unknown emails the same way, so throttling reveals no accounts", async () => {
    const email = `ghost-${uniqueSuffix()}@example.test`;
    for (let i = 0; i < 5; i += 1) {
      expect(await login(prisma, { email, password: PASSWORD, ip: freshIp() })).toMatchObject({ error: "invalid_credentials" });
    }
    expect(await login(prisma, { email, password: PASSWORD, ip: freshIp() })).toMatchObject({ error: "throttled" });
  });

  it("lets the email try again once the window has passed", async () => {
    const user = await createUser(prisma, { password: PASSWORD });
    for (let i = 0; i < 5; i += 1) await login(prisma, { email: user.email, password: "wrong", ip: freshIp() });
    expect(await login(prisma, { email: user.email, password: PASSWORD, ip: freshIp() })).toMatchObject({ error: "throttled" });
    await prisma.loginThrottle.update({
      where: { scope_subjectHash: { scope: "email", subjectHash: hashSubject("email", user.email) } },
      data: { windowStartedAt: new Date(Date.now() - 16 * 60_000) },
    });
    expect(await login(prisma, { email: user.email, password: PASSWORD, ip: freshIp() })).toEqual({ ok: true, userId: user.id });
  });

  it("resets the email's failures after a successful login", async () => {
    const user = await createUser(prisma, { password: PASSWORD });
    for (let i = 0; i < 4; i += 1) await login(prisma, { email: user.email, password: "wrong", ip: freshIp() });
    expect(await attempts("email", user.email)).toBe(4);
    expect(await login(prisma, { email: user.email, password: PASSWORD, ip: freshIp() })).toMatchObject({ ok: true });
    expect(await attempts("email", user.email)).toBeNull();
    for (let i = 0; i < 5; i += 1) {
      expect(await login(prisma, { email: user.email, password: "wrong", ip: freshIp() })).toMatchObject({
        error: "invalid_credentials",
      });
    }
  });

  it("throttles one client network spraying many accounts, without charging the accounts", async () => {
    const policy = { ...defaultLoginThrottlePolicy, ip: { maxAttempts: 3, windowSeconds: 600 } };
    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) {
      expect(await login(prisma, { email: `spray-${i}-${uniqueSuffix()}@example.test`, password: "guess", ip }, { throttle: policy }))
        .toMatchObject({ error: "invalid_credentials" });
    }
    const victim = await createUser(prisma, { password: PASSWORD });
    const refused = await login(prisma, { email: victim.email, password: PASSWORD, ip }, { throttle: policy });
    expect(refused).toMatchObject({ ok: false, error: "throttled" });
    if (refused.ok || refused.error !== "throttled") throw new Error("expected throttled");
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    // The refused attempt never reached the victim's counter, and the victim can log in from elsewhere.
    expect(await attempts("email", victim.email)).toBeNull();
    expect(await login(prisma, { email: victim.email, password: PASSWORD, ip: freshIp() }, { throttle: policy })).toMatchObject({ ok: true });
  });

  it("counts an IPv6 /64 as one client network", async () => {
    const policy = { ...defaultLoginThrottlePolicy, ip: { maxAttempts: 2, windowSeconds: 600 } };
    const prefix = `2001:db8:${(ipCounter += 1).toString(16)}:1`;
    await login(prisma, { email: `v6a-${uniqueSuffix()}@example.test`, password: "guess", ip: `${prefix}::1` }, { throttle: policy });
    await login(prisma, { email: `v6b-${uniqueSuffix()}@example.test`, password: "guess", ip: `${prefix}:ffff:0:0:2` }, { throttle: policy });
    expect(
      await login(prisma, { email: `v6c-${uniqueSuffix()}@example.test`, password: "guess", ip: `${prefix}:abcd::99` }, { throttle: policy }),
    ).toMatchObject({ error: "throttled" });
  });

  it("counts concurrent failed attempts exactly", async () => {
    const user = await createUser(prisma, { password: PASSWORD });
    const policy = { email: { maxAttempts: 50, windowSeconds: 900 }, ip: { maxAttempts: 50, windowSeconds: 900 } };
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(prisma, { email: user.email, password: `wrong ${i}`, ip }, { throttle: policy })),
    );
    expect(results.every((result) => !result.ok && result.error === "invalid_credentials")).toBe(true);
    expect(await attempts("email", user.email)).toBe(20);
    expect(await attempts("ip", ip)).toBe(20);
  });

  it("lets exactly the allowed number of concurrent attempts through, even with the right password", async () => {
    const user = await createUser(prisma, { password: PASSWORD });
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => login(prisma, { email: user.email, password: "wrong password", ip })),
    );
    const counts = { invalid: 0, throttled: 0 };
    for (const result of results) {
      if (result.ok) throw new Error("a wrong password was accepted");
      counts[result.error === "throttled" ? "throttled" : "invalid"] += 1;
    }
    expect(counts).toEqual({ invalid: 5, throttled: 15 });
    expect(await attempts("email", user.email)).toBe(5);
    // Refused attempts were given back to the network: only the 5 real failures count there.
    expect(await attempts("ip", ip)).toBe(5);
    expect(await login(prisma, { email: user.email, password: PASSWORD, ip })).toMatchObject({ error: "throttled" });
  });

  it("stores hashed subjects only, and housekeeping removes ended windows", async () => {
    const email = `private-${uniqueSuffix()}@example.test`;
    const ip = freshIp();
    await login(prisma, { email, password: "wrong", ip });
    const rows = await prisma.$queryRaw<{ row: string }[]>`SELECT row_to_json(t)::text AS row FROM login_throttles t`;
    for (const { row } of rows) {
      expect(row).not.toContain(email);
      expect(row).not.toContain(ip);
    }
    await prisma.loginThrottle.updateMany({
      where: { subjectHash: { in: [hashSubject("email", email), hashSubject("ip", ip)] } },
      data: { windowStartedAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect(await deleteExpiredLoginThrottles(prisma)).toBeGreaterThanOrEqual(2);
    expect(await attempts("email", email)).toBeNull();
  });
});
