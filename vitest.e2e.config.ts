import { defineConfig } from "vitest/config";

// Browser tests: the built admin app, a real PostgreSQL with the demo data, the worker as a process,
// Debian's chromium driven by playwright-core. Run with `npx vitest run --config vitest.e2e.config.ts`.
// The exit-status guard (scripts/check-test-exit-status.ts) runs this config, global setup included,
// on a test that fails on purpose.
const canary = process.env.TP_EXIT_STATUS_CANARY === "1";

export default defineConfig({
  test: {
    include: canary ? ["tests/exit-status/*.canary.ts"] : ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/support/global-setup.ts"],
    setupFiles: ["packages/test-support/src/console-guard.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
