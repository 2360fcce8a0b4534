import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inspect, promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { EncryptionKey, EncryptionKeyError, loadEncryptionKey } from "../src/encryption-key";
import { openSecret, sealSecret } from "../src/secret-box";

const execFileAsync = promisify(execFile);
const temporaryDirs: string[] = [];
async function temporaryDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tp-auth-key-"));
  temporaryDirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temporaryDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("loadEncryptionKey", () => {
  it("uses APP_ENCRYPTION_KEY when it is set", async () => {
    const bytes = randomBytes(32);
    const dataDir = await temporaryDir();
    const key = loadEncryptionKey({ dataDir, env: { APP_ENCRYPTION_KEY: bytes.toString("base64") } });
    expect(key.source).toBe("env");
    expect(key.bytes().equals(bytes)).toBe(true);
    // No key file is created when the environment provides the key.
    await expect(stat(path.join(dataDir, "encryption.key"))).rejects.toMatchObject({ code: "ENOENT" });
    // base64url spelling of the same key is accepted.
    const url = loadEncryptionKey({ dataDir, env: { APP_ENCRYPTION_KEY: bytes.toString("base64url") } });
    expect(url.fingerprint).toBe(key.fingerprint);
  });

  it("rejects an invalid APP_ENCRYPTION_KEY with a clear error that does not echo it", async () => {
    const dataDir = await temporaryDir();
    const short = randomBytes(16).toString("base64");
    expect(() => loadEncryptionKey({ dataDir, env: { APP_ENCRYPTION_KEY: short } })).toThrow(
      /APP_ENCRYPTION_KEY decodes to 16 bytes; it must be 32 bytes/,
    );
    const notBase64 = "this is not base64 at all!";
    let error: unknown;
    try {
      loadEncryptionKey({ dataDir, env: { APP_ENCRYPTION_KEY: notBase64 } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EncryptionKeyError);
    expect(String(error)).toMatch(/APP_ENCRYPTION_KEY is not base64/);
    expect(String(error)).not.toContain(notBase64);
  });

  it("creates <dataDir>/encryption.key with mode 0600 on first use and reuses it", async () => {
    const dataDir = path.join(await temporaryDir(), "nested", ".data");
    const first = loadEncryptionKey({ dataDir, env: {} });
    const file = path.join(dataDir, "encryption.key");
    const { mode } = await stat(file);
    expect(mode & 0o777).toBe(0o600);
    expect(first.source).toBe("file");
    expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64").equals(first.bytes())).toBe(true);

    const second = loadEncryptionKey({ dataDir, env: {} });
    expect(second.bytes().equals(first.bytes())).toBe(true);
    expect(openSecret(sealSecret("survives a restart", first), second)).toBe("survives a restart");
  });

  it("agrees on one key when several processes start at once", async () => {
    const dataDir = await temporaryDir();
    const source = fileURLToPath(new URL("../src/encryption-key.ts", import.meta.url));
    const script =
      `import { loadEncryptionKey } from ${JSON.stringify(source)};` +
      `process.stdout.write(loadEncryptionKey({ dataDir: ${JSON.stringify(dataDir)}, env: {} }).fingerprint);`;
    const fingerprints = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
        return stdout;
      }),
    );
    expect(fingerprints.every((fingerprint) => /^[0-9a-f]{8}$/.test(fingerprint))).toBe(true);
    expect(new Set(fingerprints).size).toBe(1);
    expect(loadEncryptionKey({ dataDir, env: {} }).fingerprint).toBe(fingerprints[0]);
    // No temporary files are left behind.
    expect(await readdir(dataDir)).toEqual(["encryption.key"]);
  });

  it("refuses a key file that other users can read, and a malformed one", async () => {
    const dataDir = await temporaryDir();
    const file = path.join(dataDir, "encryption.key");
    await writeFile(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o644 });
    await chmod(file, 0o644);
    expect(() => loadEncryptionKey({ dataDir, env: {} })).toThrow(/readable by other users.*chmod 600/);

    await writeFile(file, "garbage\n");
    await chmod(file, 0o600);
    expect(() => loadEncryptionKey({ dataDir, env: {} })).toThrow(EncryptionKeyError);
  });
});

describe("EncryptionKey", () => {
  it("never prints the key material", () => {
    const bytes = randomBytes(32);
    const key = new EncryptionKey(bytes, "env");
    const renderings = [
      inspect(key),
      inspect({ nested: { key } }, { depth: 5, showHidden: true }),
      JSON.stringify({ key }),
      String(key),
      // Rendering the key in a template is exactly what this test must survive.
      // eslint-disable-next-line @typescript-eslint/restrict-template-expressions
      `${key}`,
    ];
    for (const text of renderings) {
      expect(text).toContain(key.fingerprint);
      expect(text).not.toContain(bytes.toString("base64"));
      expect(text).not.toContain(bytes.toString("hex"));
      expect(text).not.toMatch(/<Buffer/);
    }
  });

  it("accepts only 32-byte keys", () => {
    expect(() => new EncryptionKey(randomBytes(31), "env")).toThrow(EncryptionKeyError);
  });
});
