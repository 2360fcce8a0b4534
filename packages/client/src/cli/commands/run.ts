import { setTimeout as sleep } from "node:timers/promises";
import { describe, isActiveRunStatus } from "@tenantpilot/dispatch-gate/contract";
import type { AdminClient } from "../../admin-client";
import { authenticatedClient, commonOptions, notLoggedIn, parseCommandArgs, type Command, type CliIo } from "../cli-io";
import { exitCodes, UsageError } from "../exit-codes";
import { label, link, nextStepLine } from "../start-words";

type RunDetail = Awaited<ReturnType<AdminClient["operations"]["detail"]["query"]>>;

/**
 * `ops run <id> [--watch] [--interval ms] [--json]`: one run, outcome first. With --watch, polls
 * until the run ends and exits 0 when it succeeded (fully or partially), 1 when it failed or was
 * cancelled.
 */
export const run: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs({
    args,
    options: { ...commonOptions, watch: { type: "boolean", default: false }, interval: { type: "string" } },
    allowPositionals: true,
  });
  const [runId, ...extra] = positionals;
  if (runId === undefined || extra.length > 0) throw new UsageError("run needs exactly one run id");
  const interval = values.interval === undefined ? 2000 : Number(values.interval);
  if (!Number.isInteger(interval) || interval < 100) throw new UsageError("--interval must be at least 100 (ms)");
  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;

  let detail = await session.client.operations.detail.query({ runId });
  if (values.watch) {
    let status = detail.run.status;
    io.out(`${new Date().toISOString()}  ${describe({ runStatus: status })}\n`);
    while (isActiveRunStatus(detail.run.status)) {
      await sleep(interval);
      detail = await session.client.operations.detail.query({ runId });
      if (detail.run.status !== status) {
        status = detail.run.status;
        io.out(`${new Date().toISOString()}  ${describe({ runStatus: status })}\n`);
      }
    }
  }
  printRun(detail, session.url, values.json, io);
  if (!values.watch) return exitCodes.ok;
  return detail.run.status === "succeeded" || detail.run.status === "partially_succeeded" ? exitCodes.ok : exitCodes.error;
};

function printRun(detail: RunDetail, baseUrl: string, json: boolean, io: CliIo): void {
  if (json) {
    io.out(`${JSON.stringify(detail, null, 2)}\n`);
    return;
  }
  const { run, reason, connection, counts } = detail;
  io.out(`${label(run)} on ${run.tenant.displayName} (${run.tenant.slug}): ${describe({ runStatus: run.status })}\n`);
  if (reason) io.out(`  ${reason.message}\n${nextStepLine(reason.nextStep, baseUrl)}\n`);
  io.out(`  scope ${detail.scope.label} (${detail.scope.key})\n`);
  if (connection) {
    const changed = connection.changedSinceAdmission ? " — changed since it was queued" : "";
    io.out(`  connection ${connection.bound.displayName} (identity v${connection.bound.identityVersion})${changed}\n`);
  }
  io.out(`  items seen ${counts.seen}, changed ${counts.changed}, failed ${counts.failed}\n`);
  for (const event of detail.timeline) io.out(`  ${event.at.toISOString()}  ${event.label}\n`);
  io.out(`  ${link(baseUrl, run.href)}\n`);
}
