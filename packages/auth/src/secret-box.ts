import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { EncryptionKey } from "./encryption-key";

// AES-256-GCM: 96-bit random IV (the size GCM is specified for), 128-bit tag.
// With random IVs one key stays safe far beyond the number of secrets this product will seal
// (NIST's bound is 2^32 messages per key).
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Raised when a sealed value cannot be opened: wrong key, tampering, or not a sealed value at all. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** Encrypts `plain` as `v1:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function sealSecret(plain: string, key: EncryptionKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes(), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(":");
}

/** Decrypts a value made by `sealSecret`; throws SecretBoxError (never including the value) when it cannot. */
export function openSecret(sealed: string, key: EncryptionKey): string {
  const parts = sealed.split(":");
  const [version, ivText, tagText, ciphertextText] = parts;
  if (parts.length !== 4 || version === undefined || ivText === undefined || tagText === undefined || ciphertextText === undefined) {
    throw new SecretBoxError("not a sealed secret (expected v1:<iv>:<tag>:<ciphertext>)");
  }
  if (version !== VERSION) throw new SecretBoxError(`unsupported sealed secret version "${version.slice(0, 8)}"`);
  const iv = decodePart(ivText);
  const tag = decodePart(tagText);
  const ciphertext = decodePart(ciphertextText);
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretBoxError("sealed secret is malformed (iv or tag has the wrong length)");
  }
  const decipher = createDecipheriv("aes-256-gcm", key.bytes(), iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      `sealed secret failed authentication: it was modified, or sealed with another key than ${key.fingerprint}`,
    );
  }
}

function decodePart(text: string): Buffer {
  // Buffer.from(…, "base64url") silently skips foreign characters; reject them so that a
  // damaged value fails loudly instead of decoding to something shorter.
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SecretBoxError("sealed secret is malformed (not base64url)");
  return Buffer.from(text, "base64url");
}
