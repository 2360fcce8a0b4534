import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EncryptionKey } from "../src/encryption-key";
import { openSecret, sealSecret, SecretBoxError } from "../src/secret-box";

const key = new EncryptionKey(randomBytes(32), "env");
const otherKey = new EncryptionKey(randomBytes(32), "env");

describe("secret box (AES-256-GCM)", () => {
  it("round-trips secrets, including empty and non-ASCII ones", () => {
    for (const plain of ["client-secret~value.1", "", "ünïcødé 🔐 secret", "x".repeat(10_000)]) {
      const sealed = sealSecret(plain, key);
      expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/);
      if (plain !== "") expect(sealed).not.toContain(plain);
      expect(openSecret(sealed, key)).toBe(plain);
    }
  });

  it("uses a fresh IV for every seal", () => {
    const first = sealSecret("same secret", key);
    const second = sealSecret("same secret", key);
    expect(first).not.toBe(second);
    expect(first.split(":")[1]).not.toBe(second.split(":")[1]);
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const sealed = sealSecret("do not touch", key);
    const parts = sealed.split(":");
    for (const index of [1, 2, 3]) {
      const tampered = [...parts];
      const bytes = Buffer.from(tampered[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 0x01;
      tampered[index] = bytes.toString("base64url");
      expect(() => openSecret(tampered.join(":"), key)).toThrow(SecretBoxError);
    }
    // Truncating the ciphertext is tampering too.
    expect(() => openSecret(`${parts.slice(0, 3).join(":")}:${parts[3]!.slice(0, -2)}`, key)).toThrow(SecretBoxError);
  });

  it("refuses to open with another key, without revealing the value", () => {
    const sealed = sealSecret("tenant client secret", key);
    expect(() => openSecret(sealed, otherKey)).toThrow(/failed authentication/);
    try {
      openSecret(sealed, otherKey);
    } catch (error) {
      expect(String(error)).not.toContain("tenant client secret");
      expect(String(error)).not.toContain(sealed);
    }
  });

  it("rejects values that are not sealed secrets", () => {
    for (const bad of ["", "plain text", "v1:abc", "v2:a:b:c", "v1:!!!:b:c", `v1:${"A".repeat(16)}:short:abc`]) {
      expect(() => openSecret(bad, key)).toThrow(SecretBoxError);
    }
  });
});
