import { defineConfig } from "vitest/config";

// The exit-status guard (scripts/check-test-exit-status.ts) runs this config, global setup included,
// on a test that fails on purpose.
const canary = process.env.TP_EXIT_STATUS_CANARY === "1";

export default defineConfig({
  test: {
    include: canary
      ? ["tests/exit-status/*.canary.ts"]
      : ["packages/*/test/**/*.test.{ts,tsx}", "apps/*/test/**/*.test.{ts,tsx}", "tests/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", "tests/e2e/**"],
    globalSetup: ["packages/test-support/src/global-setup.ts"],
    setupFiles: ["packages/test-support/src/test-database.ts", "packages/test-support/src/console-guard.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
