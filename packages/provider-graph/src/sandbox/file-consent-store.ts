import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { consentKey, consentRecord, type SandboxConsentRecord, type SandboxConsentStore, type SandboxConsentTarget } from "./consent-store";

/** Where an installation keeps its sandbox consent answers: `<data dir>/sandbox/consents.json`. */
export function sandboxConsentFile(dataDir: string): string {
  return path.join(dataDir, "sandbox", "consents.json");
}

const RecordSchema = z.object({
  id: z.string().min(1),
  microsoftTenantId: z.string().min(1),
  clientId: z.string().min(1),
  consent: z.enum(["granted", "revoked"]),
  permissions: z.array(z.string()),
  at: z.string(),
});
const FileSchema = z.object({ version: z.literal(1), consents: z.array(RecordSchema) });

type Snapshot = Map<string, SandboxConsentRecord>;

/**
 * Consent answers in a small JSON file shared by the processes of one installation: the admin
 * app writes, every worker's sandbox reads. Writes replace the file atomically (temporary file +
 * rename), so a reader sees the old or the new answers, never half a file. Reads cost one
 * `stat` while the file is unchanged (the parsed content is cached under its inode, size and
 * nanosecond mtime — a rename always brings a new inode, so a rewrite within one clock tick is
 * still noticed). Writes from this process are serialised; two processes writing at the same
 * instant may lose one answer (the admin app is the only writer in practice).
 */
export function fileSandboxConsentStore(file: string): SandboxConsentStore & { readonly file: string } {
  let cached: { version: string; snapshot: Snapshot } | undefined;
  let writes: Promise<unknown> = Promise.resolve();

  async function snapshot(): Promise<Snapshot> {
    let version: string;
    try {
      const facts = await stat(file, { bigint: true });
      version = `${facts.ino}:${facts.size}:${facts.mtimeNs}:${facts.ctimeNs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw error;
    }
    if (cached?.version === version) return cached.snapshot;
    const parsed = parse(await readFile(file, "utf8").catch((error: unknown) => {
      // Replaced between stat and read: the next request sees the new file.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return JSON.stringify({ version: 1, consents: [] });
      throw error;
    }));
    cached = { version, snapshot: parsed };
    return parsed;
  }

  function parse(text: string): Snapshot {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`sandbox consent file ${file} is not JSON: ${(error as Error).message}`);
    }
    const result = FileSchema.safeParse(json);
    if (!result.success) throw new Error(`sandbox consent file ${file} is not valid: ${z.prettifyError(result.error)}`);
    return new Map(result.data.consents.map((record) => [consentKey(record), record]));
  }

  async function write(record: SandboxConsentRecord): Promise<SandboxConsentRecord> {
    const next = new Map(await snapshot());
    next.set(consentKey(record), record);
    const consents = [...next.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, value]) => value);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify({ version: 1, consents }, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return record;
  }

  function serialised(record: SandboxConsentRecord): Promise<SandboxConsentRecord> {
    const done = writes.then(() => write(record));
    // A failed write must not block the ones after it; its caller still gets the error.
    writes = done.catch(() => undefined);
    return done;
  }

  return {
    file,
    find: async (target: SandboxConsentTarget) => (await snapshot()).get(consentKey(target)),
    grant: (target) => serialised(consentRecord(target, "granted", target.permissions)),
    revoke: (target) => serialised(consentRecord(target, "revoked", [])),
  };
}
