import path from "node:path";
import { fileURLToPath } from "node:url";
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
 */
export async function resolveDatabase(options: { onLog?: (line: string) => void } = {}): Promise<ResolvedDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, source: "env", stop: async () => undefined };

  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir(), "postgres"),
    onLog: options.onLog,
  });
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'tenantpilot'");
    if (exists.rowCount === 0) await admin.query("CREATE DATABASE tenantpilot");
  } finally {
    await admin.end();
  }
  return { url: databaseUrl(server.serverUrl, "tenantpilot"), source: "embedded", stop: server.stop };
}
