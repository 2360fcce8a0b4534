// Fails on purpose. scripts/check-test-exit-status.ts runs each vitest config on this file alone
// (TP_EXIT_STATUS_CANARY=1) and fails CI unless vitest exits non-zero: a failing test must fail
// `npm test`, whatever the global setup loads (see docs/decisions/010-own-postgres-launcher.md).
import { expect, test } from "vitest";

test("exit-status canary fails on purpose", () => {
  expect("canary-actual").toBe("canary-expected");
});
