// `prisma generate` needs no database and no engine, but Prisma's CLI still tries to download
// its schema-engine binary on start; pointing the variable at any existing file skips that
// (see docs/decisions/001-migrations-runner.md).
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("prisma", ["generate"], { stdio: ["ignore", "pipe", "pipe"], env, shell: false });
if (result.error) throw result.error;
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exit(result.status ?? 1);
}
