import { z } from "zod";

export const runStatuses = ["queued", "running", "succeeded", "partially_succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const RunStatusSchema = z.enum(runStatuses);

/** A run in one of these states holds its protected scope (mirrors the partial unique index in SQL). */
export const activeRunStatuses: readonly RunStatus[] = ["queued", "running"];
export const terminalRunStatuses: readonly RunStatus[] = ["succeeded", "partially_succeeded", "failed", "cancelled"];

export function isActiveRunStatus(status: RunStatus): boolean {
  return activeRunStatuses.includes(status);
}
