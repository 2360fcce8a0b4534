import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface SystemUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` system user,
 * created when the machine has none (as Debian's packages would).
 */
export async function postgresSystemUser(): Promise<SystemUser> {
  const existing = await lookup();
  if (existing) return existing;
  await run("groupadd", ["--force", "postgres"]);
  await run("useradd", ["--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  const created = await lookup();
  if (!created) throw new Error("could not create the `postgres` system user the embedded database runs as");
  return created;
}

async function lookup(): Promise<SystemUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
