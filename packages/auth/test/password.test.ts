import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, hashPassword, passwordPolicy, verifyPassword } from "../src/password";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("salts every hash", async () => {
    const [first, second] = await Promise.all([hashPassword("same password 123"), hashPassword("same password 123")]);
    expect(first).not.toBe(second);
    expect(await verifyPassword(second, "same password 123")).toBe(true);
  });

  it("treats Unicode forms of the same password alike", async () => {
    const composed = "pässwörd-lång-1"; // NFC
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it("answers false, not an exception, for a malformed stored hash", async () => {
    expect(await verifyPassword("not-a-hash", "whatever password")).toBe(false);
    expect(await verifyPassword("", "whatever password")).toBe(false);
  });

  it("enforces the length policy with clear error values", () => {
    expect(passwordPolicy.minLength).toBe(12);
    expect(checkPasswordPolicy("short-pass1")).toEqual({ ok: false, error: "password_too_short", minLength: 12 });
    expect(checkPasswordPolicy("twelve-chars")).toEqual({ ok: true });
    // Counted in characters, not UTF-16 units: 11 emoji are 22 units but still too short.
    expect(checkPasswordPolicy("🔑".repeat(11))).toMatchObject({ ok: false, error: "password_too_short" });
    expect(checkPasswordPolicy("x".repeat(passwordPolicy.maxLength))).toEqual({ ok: true });
    expect(checkPasswordPolicy("x".repeat(passwordPolicy.maxLength + 1))).toEqual({
      ok: false,
      error: "password_too_long",
      maxLength: passwordPolicy.maxLength,
    });
  });
});
