import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, databaseExists } from "./databases";
import { databaseUrl, startEmbeddedPostgres } from "./embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  /** "embedded" when this process started PostgreSQL itself. */
  source: "env" | "embedded";
  stop(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Where the embedded default keeps its state: `TENANTPILOT_DATA_DIR`, else `<repo>/.data`. */
export function dataDir(): string {
  return path.resolve(process.env.TENANTPILOT_DATA_DIR ?? path.join(repoRoot, ".data"));
}

/**
 * `DATABASE_URL` when set (nothing is started); otherwise the project's own embedded
 * PostgreSQL under `<data dir>/postgres`, with the application database created on first start.
 * `onRestart`: keep that cluster running — started again when it exits on its own (npm start).
 */
export async function resolveDatabase(
  options: { onLog?: (line: string) => void; onRestart?: (notice: string) => void } = {},
): Promise<ResolvedDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, source: "env", stop: () => Promise.resolve() };

  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir(), "postgres"),
    onLog: options.onLog,
    onRestart: options.onRestart,
  });
  if (!(await databaseExists(server.serverUrl, "tenantpilot"))) await createDatabase(server.serverUrl, "tenantpilot");
  return { url: databaseUrl(server.serverUrl, "tenantpilot"), source: "embedded", stop: () => server.stop() };
}
