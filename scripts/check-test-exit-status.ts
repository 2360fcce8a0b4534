// The guard that keeps `npm test` honest: each vitest config, with its real global setup, is run
// on a test that fails on purpose (tests/exit-status/fails-on-purpose.canary.ts); vitest must exit
// non-zero and report exactly that failure. Run by .ci/run before the suite (`npm run test:guard`).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const configs = ["vitest.config.ts", "vitest.e2e.config.ts"];
let broken = 0;

for (const config of configs) {
  const started = Date.now();
  const result = spawnSync("npx", ["vitest", "run", "--config", config], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TP_EXIT_STATUS_CANARY: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const output = `${result.stdout}${result.stderr}`;
  const reportedFailure = output.includes("exit-status canary fails on purpose") && /Tests\s+1 failed/.test(output);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0 && reportedFailure) {
    process.stdout.write(`test exit status: ${config} exits ${result.status} on a failing test (${seconds} s) — ok\n`);
    continue;
  }
  broken += 1;
  process.stderr.write(
    `test exit status: ${config} exited ${result.status ?? result.signal} on a test that fails on purpose` +
      `${reportedFailure ? "" : " (and did not report that failure)"}: a failing test would not fail npm test\n` +
      `${output.slice(-4000)}\n`,
  );
}
process.exit(broken === 0 ? 0 : 1);
