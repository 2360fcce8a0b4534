import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  batchStatusOf,
  bulkOperationIds,
  isBulkOperation,
  isOperationId,
  secretExpiryWindows,
  type TenantFilter,
  type TenantSelection,
} from "@tenantpilot/dispatch-gate/contract";
import type { AdminClient } from "../../admin-client";
import { authenticatedClient, commonOptions, notLoggedIn, parseCommandArgs, type CliIo, type Command } from "../cli-io";
import { batchProgressWords, bulkExitCode, describeBulkPreview, describeBulkStart } from "../bulk-words";
import { exitCodes, UsageError } from "../exit-codes";

export const bulkOptions = {
  ...commonOptions,
  all: { type: "boolean", default: false },
  tag: { type: "string" },
  tenants: { type: "string" },
  failed: { type: "boolean", default: false },
  "secret-expiry": { type: "string" },
  workspace: { type: "string" },
  "report-kind": { type: "string" },
  preview: { type: "boolean", default: false },
  wait: { type: "boolean", default: false },
  interval: { type: "string" },
  key: { type: "string" },
} as const;

/** Whether `start` was asked for a bulk start (a selection flag instead of --tenant). */
export function isBulkStart(args: string[]): boolean {
  return args.some((arg) => arg === "--all" || arg === "--tag" || arg.startsWith("--tag=") || arg === "--tenants" || arg.startsWith("--tenants="));
}

/**
 * `ops start <operation> --all | --tag T | --tenants a,b,c [--failed] [--secret-expiry W] [--workspace W]
 * [--report-kind K] [--preview] [--wait] [--key K] [--json]`: one batch over the selected tenants (the
 * same filter as the tenants list; --failed and --secret-expiry narrow --all or --tag exactly as the
 * home's "failed last night" and secret-expiry chips do), a line per tenant and the rollup. --preview starts nothing. --wait follows the
 * batch until its runs end. Exit status: 0 nothing blocked or failed, 11 a scope was busy, 12 a
 * tenant was blocked, 13 (--wait) a run failed, partially succeeded or was cancelled; 3 forbidden,
 * 4 not found (a tenant, tag or workspace), 2 bad usage, 1 other errors.
 */
export const startMany: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs({ args, options: bulkOptions, allowPositionals: true });
  const [operation, ...extra] = positionals;
  if (operation === undefined || extra.length > 0) throw new UsageError(`start needs one operation: ${bulkOperationIds.join(", ")}`);
  if (!isOperationId(operation) || !isBulkOperation(operation)) {
    throw new UsageError(`"${operation}" has no bulk form; one of ${bulkOperationIds.join(", ")}`);
  }
  const chosen = [values.all, values.tag !== undefined, values.tenants !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError("choose the tenants with exactly one of --all, --tag <name>, --tenants <a,b,c>");
  const narrowing = narrowingOf(values.failed, values["secret-expiry"]);
  if (values.tenants !== undefined && Object.keys(narrowing).length > 0) {
    throw new UsageError("--failed and --secret-expiry narrow --all or --tag, not a list of --tenants");
  }
  const interval = values.interval === undefined ? 2000 : Number(values.interval);
  if (!Number.isInteger(interval) || interval < 100) throw new UsageError("--interval must be at least 100 (ms)");
  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;
  const { client, url } = session;

  const workspace = values.workspace ?? (await onlyWorkspace(client));
  let selection: TenantSelection;
  if (values.tenants !== undefined) {
    selection = { kind: "tenants", tenants: values.tenants.split(",").map((key) => key.trim()).filter((key) => key.length > 0) };
  } else if (values.tag !== undefined) {
    const tag = await tagId(client, workspace, values.tag);
    if (tag === null) {
      io.err(`error: No such tag: ${values.tag}\n`);
      return exitCodes.notFound;
    }
    selection = { kind: "filter", filter: { tagId: tag, ...narrowing } };
  } else {
    selection = { kind: "filter", filter: narrowing };
  }
  const request = { workspace, operation, selection, ...(values["report-kind"] ? { reportKind: values["report-kind"] as never } : {}) };

  if (values.preview) {
    const preview = await client.operations.previewMany.query(request);
    io.out(values.json ? `${JSON.stringify(preview, null, 2)}\n` : describeBulkPreview(preview, url));
    return bulkExitCode({ blocked: preview.rollup.byOutcome.blocked, scopeBusy: preview.rollup.byOutcome.scope_busy });
  }
  const result = await client.operations.startMany.mutate({ ...request, idempotencyKey: values.key ?? randomUUID() });
  io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : describeBulkStart(result, url));
  const outcome = { blocked: result.rollup.byOutcome.blocked, scopeBusy: result.rollup.byOutcome.scope_busy };
  if (!values.wait) return bulkExitCode(outcome);

  const counts = await waitForBatch(client, result.batch.id, interval, io);
  return bulkExitCode({ ...outcome, runsNotSucceeded: counts.byRunStatus.failed + counts.byRunStatus.partially_succeeded + counts.byRunStatus.cancelled });
};

/** The list filters a bulk start shares with the home's attention chips (one SQL definition each, server-side). */
function narrowingOf(failed: boolean, secretExpiry: string | undefined): Pick<TenantFilter, "failedWithin24h" | "secretExpiry"> {
  const window = secretExpiryWindows.find((candidate) => candidate === secretExpiry);
  if (secretExpiry !== undefined && window === undefined) throw new UsageError(`--secret-expiry must be one of ${secretExpiryWindows.join(", ")}`);
  return { ...(failed ? { failedWithin24h: true as const } : {}), ...(window ? { secretExpiry: window } : {}) };
}

async function waitForBatch(client: AdminClient, batchId: string, interval: number, io: CliIo) {
  let last = "";
  for (;;) {
    const { batch } = await client.batches.detail.query({ batchId, limit: 1 });
    const progress = batchProgressWords(batch.counts);
    if (progress !== last) io.out(`${new Date().toISOString()}  ${progress}\n`);
    last = progress;
    if (batchStatusOf(batch.counts) === "finished") return batch.counts;
    await sleep(interval);
  }
}

async function onlyWorkspace(client: AdminClient): Promise<string> {
  const me = await client.auth.me.query();
  const [only, ...more] = me.workspaces;
  if (!only || more.length > 0) throw new UsageError(`name the workspace with --workspace (${me.workspaces.map((w) => w.slug).join(", ") || "you have none"})`);
  return only.slug;
}

/** The tag by name (any case) or id; null when the workspace has none such (exit 4, like an unknown tenant). */
async function tagId(client: AdminClient, workspace: string, name: string): Promise<string | null> {
  const tags = await client.tags.list.query({ workspace });
  return tags.find((candidate) => candidate.id === name || candidate.name.toLowerCase() === name.toLowerCase())?.id ?? null;
}
