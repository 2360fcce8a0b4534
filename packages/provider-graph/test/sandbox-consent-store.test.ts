import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  fileSandboxConsentStore,
  memorySandboxConsentStore,
  sandboxConsentFile,
  type SandboxConsentStore,
} from "../src/index";

let directory: string;
let counter = 0;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "sandbox-consents-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A fresh data directory's consent file (not created yet). */
const freshFile = () => sandboxConsentFile(path.join(directory, `data-${++counter}`));

const tenant = "8E7D6C5B-4A39-4281-9F0E-1D2C3B4A5968";
const app = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";

const stores: Record<string, () => SandboxConsentStore> = {
  memory: () => memorySandboxConsentStore(),
  file: () => fileSandboxConsentStore(freshFile()),
};

describe.each(Object.keys(stores))("%s store", (kind) => {
  const create = stores[kind]!;

  test("knows nothing until an answer is recorded", async () => {
    await expect(create().find({ microsoftTenantId: tenant, clientId: app })).resolves.toBeUndefined();
  });

  test("a grant is found under any letter case, with its permissions sorted and unique", async () => {
    const store = create();
    const granted = await store.grant({ microsoftTenantId: tenant, clientId: app, permissions: ["User.Read.All", "Group.Read.All", "User.Read.All"] });
    expect(granted).toMatchObject({
      microsoftTenantId: tenant.toLowerCase(),
      clientId: app.toLowerCase(),
      consent: "granted",
      permissions: ["Group.Read.All", "User.Read.All"],
    });
    expect(Number.isNaN(Date.parse(granted.at))).toBe(false);
    await expect(store.find({ microsoftTenantId: tenant.toLowerCase(), clientId: app.toLowerCase() })).resolves.toEqual(granted);
    await expect(store.find({ microsoftTenantId: tenant, clientId: "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9" })).resolves.toBeUndefined();
  });

  test("the latest answer wins and each answer has its own id", async () => {
    const store = create();
    const granted = await store.grant({ microsoftTenantId: tenant, clientId: app, permissions: ["User.Read.All"] });
    const revoked = await store.revoke({ microsoftTenantId: tenant, clientId: app });
    expect(revoked).toMatchObject({ consent: "revoked", permissions: [] });
    expect(revoked.id).not.toBe(granted.id);
    await expect(store.find({ microsoftTenantId: tenant, clientId: app })).resolves.toEqual(revoked);
  });
});

describe("file store", () => {
  test("creates the data directory's sandbox folder and writes versioned JSON only readable by its owner", async () => {
    const file = freshFile();
    expect(file.endsWith(path.join("sandbox", "consents.json"))).toBe(true);
    const record = await fileSandboxConsentStore(file).grant({ microsoftTenantId: tenant, clientId: app, permissions: ["User.Read.All"] });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ version: 1, consents: [record] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test("another process's store (a second instance on the same file) sees every answer as soon as it is written", async () => {
    const file = freshFile();
    const admin = fileSandboxConsentStore(file);
    const worker = fileSandboxConsentStore(file);
    await expect(worker.find({ microsoftTenantId: tenant, clientId: app })).resolves.toBeUndefined();
    // Back to back, well within one mtime tick on coarse clocks: the reader must still notice each.
    for (let round = 0; round < 5; round += 1) {
      const granted = await admin.grant({ microsoftTenantId: tenant, clientId: app, permissions: [] });
      await expect(worker.find({ microsoftTenantId: tenant, clientId: app })).resolves.toEqual(granted);
      const revoked = await admin.revoke({ microsoftTenantId: tenant, clientId: app });
      await expect(worker.find({ microsoftTenantId: tenant, clientId: app })).resolves.toEqual(revoked);
    }
  });

  test("concurrent answers from one process are all kept, and no temporary file is left behind", async () => {
    const file = freshFile();
    const store = fileSandboxConsentStore(file);
    const clients = Array.from({ length: 20 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);
    await Promise.all(clients.map((clientId) => store.grant({ microsoftTenantId: tenant, clientId, permissions: ["User.Read.All"] })));
    const reader = fileSandboxConsentStore(file);
    for (const clientId of clients) {
      await expect(reader.find({ microsoftTenantId: tenant, clientId })).resolves.toMatchObject({ consent: "granted" });
    }
    expect(await readdir(path.dirname(file))).toEqual(["consents.json"]);
  });

  test("a file edited in place is read again", async () => {
    const file = freshFile();
    const store = fileSandboxConsentStore(file);
    const granted = await store.grant({ microsoftTenantId: tenant, clientId: app, permissions: ["User.Read.All"] });
    await expect(store.find({ microsoftTenantId: tenant, clientId: app })).resolves.toEqual(granted);
    const edited = { ...granted, id: "edited-by-hand", permissions: ["Group.Read.All", "User.Read.All"] };
    await writeFile(file, JSON.stringify({ version: 1, consents: [edited] }));
    await expect(store.find({ microsoftTenantId: tenant, clientId: app })).resolves.toEqual(edited);
  });

  test("a damaged file is an error naming the file, not an empty store", async () => {
    const file = freshFile();
    const store = fileSandboxConsentStore(file);
    await store.grant({ microsoftTenantId: tenant, clientId: app, permissions: [] });
    await writeFile(file, "{ not json");
    await expect(store.find({ microsoftTenantId: tenant, clientId: app })).rejects.toThrow(`sandbox consent file ${file} is not JSON`);
    await writeFile(file, JSON.stringify({ version: 1, consents: [{ clientId: app }] }));
    await expect(store.find({ microsoftTenantId: tenant, clientId: app })).rejects.toThrow(`sandbox consent file ${file} is not valid`);
    // Writing over a damaged file is refused too: it would silently drop every other answer.
    await expect(store.revoke({ microsoftTenantId: tenant, clientId: app })).rejects.toThrow("is not valid");
  });
});
