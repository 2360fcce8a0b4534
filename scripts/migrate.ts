// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded default).
import { migrate, resolveDatabase } from "@tenantpilot/db";

const database = await resolveDatabase();
try {
  const result = await migrate({ databaseUrl: database.url, log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(
    `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied\n`,
  );
} finally {
  await database.stop();
}
