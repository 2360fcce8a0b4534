import { z } from "zod";

export const runStatuses = ["queued", "running", "succeeded", "partially_succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const RunStatusSchema = z.enum(runStatuses);

/**
 * Operator words for a run's status, for every surface (badges, notifications, the CLI). A queued
 * run is what an accepted start produced: `outcomeWords.accepted` is this same "Queued".
 */
export const runStatusWords = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  partially_succeeded: "Partially succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
} as const satisfies Record<RunStatus, string>;

/** A run in one of these states holds its protected scope (mirrors the partial unique index in SQL). */
export const activeRunStatuses: readonly RunStatus[] = ["queued", "running"];
export const terminalRunStatuses: readonly RunStatus[] = ["succeeded", "partially_succeeded", "failed", "cancelled"];

export function isActiveRunStatus(status: RunStatus): boolean {
  return activeRunStatuses.includes(status);
}

export function runHref(runId: string): string {
  return `/admin/operations/${encodeURIComponent(runId)}`;
}
