import { createHash, randomBytes } from "node:crypto";
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { dataDir as defaultDataDir } from "@tenantpilot/db";

const KEY_BYTES = 32;
const KEY_FILE = "encryption.key";

/** Thrown for a missing, malformed or badly protected key: a configuration error, never a user outcome. */
export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionKeyError";
  }
}

/**
 * A 256-bit AES key. The bytes sit in a private field and every way an object gets printed
 * (util.inspect / console.*, JSON.stringify, String()) shows only a fingerprint, so a key
 * that ends up in a log line or an error report leaks nothing.
 */
export class EncryptionKey {
  readonly #bytes: Buffer;
  /** First 8 hex characters of sha-256(key): enough to tell keys apart, useless to an attacker. */
  readonly fingerprint: string;
  readonly source: "env" | "file";

  constructor(bytes: Uint8Array, source: "env" | "file") {
    if (bytes.length !== KEY_BYTES) {
      throw new EncryptionKeyError(`an encryption key must be ${KEY_BYTES} bytes, got ${bytes.length}`);
    }
    this.#bytes = Buffer.from(bytes);
    this.fingerprint = createHash("sha256").update(this.#bytes).digest("hex").slice(0, 8);
    this.source = source;
  }

  /** The raw key, for the cipher only. */
  bytes(): Buffer {
    return this.#bytes;
  }

  toString(): string {
    return `EncryptionKey(${this.fingerprint}, redacted)`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

export interface LoadEncryptionKeyOptions {
  /** Directory of the generated key file; default the data directory (`TENANTPILOT_DATA_DIR` or `<repo>/.data`). */
  dataDir?: string;
  /** Environment to read APP_ENCRYPTION_KEY from; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * `APP_ENCRYPTION_KEY` (base64 of 32 bytes) when set. Otherwise — the embedded, zero-config
 * default — `<dataDir>/encryption.key`, created with mode 0600 on first use. Production sets
 * the variable: a key generated inside an ephemeral container would make every sealed secret
 * unreadable after a redeploy. Synchronous on purpose: it runs once at start-up (or as a default
 * argument) and a few bytes of file I/O are not worth an async API.
 */
export function loadEncryptionKey(options: LoadEncryptionKeyOptions = {}): EncryptionKey {
  const fromEnv = (options.env ?? process.env).APP_ENCRYPTION_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return new EncryptionKey(decodeKey(fromEnv, "APP_ENCRYPTION_KEY"), "env");
  }
  const file = path.join(options.dataDir ?? defaultDataDir(), KEY_FILE);
  return new EncryptionKey(readOrCreateKeyFile(file), "file");
}

/** A fresh random key in the format APP_ENCRYPTION_KEY expects. */
export function generateEncryptionKeyText(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

function decodeKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  // Standard base64 (what `openssl rand -base64 32` prints); base64url is accepted too.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new EncryptionKeyError(`${origin} is not base64 (expected 32 random bytes, e.g. \`openssl rand -base64 32\`)`);
  }
  const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length !== KEY_BYTES) {
    // The length is safe to report; the value never is.
    throw new EncryptionKeyError(
      `${origin} decodes to ${bytes.length} bytes; it must be ${KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return bytes;
}

function readOrCreateKeyFile(file: string): Buffer {
  const existing = readKeyFile(file);
  if (existing) return existing;

  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write the whole key to a private temporary file, then link it into place: link() fails if
  // the name exists, so two processes starting at once agree on one key and neither ever
  // reads a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const descriptor = openSync(temporary, "wx", 0o600);
  try {
    writeSync(descriptor, `${generateEncryptionKeyText()}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  // The umask could have narrowed the mode, never widened it; make it exact anyway.
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  const created = readKeyFile(file);
  if (!created) throw new EncryptionKeyError(`could not create the encryption key file ${file}`);
  return created;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const { mode } = statSync(file);
  if ((mode & 0o077) !== 0) {
    throw new EncryptionKeyError(
      `${file} is readable by other users (mode ${(mode & 0o777).toString(8)}); run \`chmod 600 ${file}\``,
    );
  }
  return decodeKey(text, file);
}
