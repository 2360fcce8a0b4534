import { defineConfig } from "prisma/config";

// DATABASE_URL is optional here: `prisma generate` needs no database, and the
// project's own runner (packages/db) applies migrations against the embedded default.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/tenantpilot",
  },
});
