import { defineConfig } from "vitest/config";

// Browser tests: the built admin app, a real PostgreSQL with the demo data, the worker as a process,
// Debian's chromium driven by playwright-core. Run with `npx vitest run --config vitest.e2e.config.ts`.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/support/global-setup.ts"],
    setupFiles: ["tests/support/console-guard.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
