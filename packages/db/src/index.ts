export { createPrismaClient, PrismaClient, Prisma, type Db, type Tx, type PrismaOptions } from "./client";
export { startEmbeddedPostgres, databaseUrl, type EmbeddedDatabase, type EmbeddedOptions } from "./embedded-postgres";
export { migrate, listMigrations, defaultMigrationsDir, MigrationChecksumError } from "./migrations";
export { resolveDatabase, dataDir, type ResolvedDatabase } from "./resolve-database";
export { findFreePort } from "./free-port";
export { createDatabase, dropDatabase, databaseExists, serverQuery } from "./databases";
export { isDatabaseUnavailable, isUniqueViolation } from "./errors";
export { graphileLevelName } from "./graphile-log-level";
export { listenToChannel, type ChannelListener, type ChannelListenerOptions } from "./channel-listener";
