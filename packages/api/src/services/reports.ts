import type { Db, Prisma } from "@tenantpilot/db";
import { toRunRef } from "@tenantpilot/dispatch-gate";
import { isReportKind, reportKinds, type ReportKind, type RunRef } from "@tenantpilot/dispatch-gate/contract";
import { afterCursor, newestFirst, toPage, type Cursor, type Page } from "./page-cursor";

// Generated reports: one row per report.generate run, with its rows as JSON (built by the worker's
// report builders: flat records of strings, numbers and nulls).

/** A report cell as a table shows it; a nested value (none of today's builders write one) becomes its JSON text. */
export type ReportCell = string | number | boolean | null;
export type ReportRow = Record<string, ReportCell>;

const reportSelect = {
  id: true,
  kind: true,
  rowCount: true,
  createdAt: true,
  runId: true,
  // The run says whether the report is whole: a listing cut at its page limit ends partially_succeeded.
  run: { select: { id: true, operation: true, status: true } },
} as const satisfies Prisma.ReportSelect;

type ReportRecord = Prisma.ReportGetPayload<{ select: typeof reportSelect }>;

export interface ReportSummary extends Omit<ReportRecord, "run"> {
  /** The catalogue's label; the raw kind for a kind the catalogue no longer has. */
  label: string;
  /** The run that generated it, with its status and link; null once the run is deleted. */
  run: RunRef | null;
}

function summary(row: ReportRecord): ReportSummary {
  return { ...row, label: isReportKind(row.kind) ? reportKinds[row.kind].label : row.kind, run: row.run ? toRunRef(row.run) : null };
}

export async function listReports(db: Db, tenantId: string, query: { kind?: ReportKind; cursor: Cursor | null; limit: number }): Promise<Page<ReportSummary>> {
  const rows = await db.report.findMany({
    where: { tenantId, ...(query.kind === undefined ? {} : { kind: query.kind }), ...afterCursor(query.cursor) },
    select: reportSelect,
    orderBy: newestFirst,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, summary);
}

export interface ReportDetail extends ReportSummary {
  /** Every key any row has: the kind's known columns in the order its builder writes them, then any others. */
  columns: string[];
  rows: ReportRow[];
}

/** A report of the tenant with its rows; null when the tenant has no such report. */
export async function reportDetail(db: Db, tenantId: string, reportId: string): Promise<ReportDetail | null> {
  const row = await db.report.findFirst({ where: { id: reportId, tenantId }, select: { ...reportSelect, rows: true } });
  if (row === null) return null;
  const { rows: stored, ...rest } = row;
  const rows = (Array.isArray(stored) ? stored : []).flatMap((entry) => (isRecord(entry) ? [reportRow(entry)] : []));
  return { ...summary(rest), columns: columnsOf(rest.kind, rows), rows };
}

/**
 * The order apps/worker's report builders write their columns in. jsonb stores object keys
 * shortest first, which would put "osVersion" before "deviceName".
 */
const columnOrder: Record<ReportKind, readonly string[]> = {
  "device-compliance": ["deviceName", "operatingSystem", "osVersion", "complianceState", "userPrincipalName", "lastSyncDateTime"],
  "policy-inventory": ["displayName", "policyType", "platform", "lastModifiedDateTime"],
};

/** Every key some row has: the kind's known columns in their order, then any others. */
function columnsOf(kind: string, rows: ReportRow[]): string[] {
  const present = new Set(rows.flatMap((entry) => Object.keys(entry)));
  const known = isReportKind(kind) ? columnOrder[kind].filter((column) => present.has(column)) : [];
  return [...new Set([...known, ...present])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function reportRow(entry: Record<string, unknown>): ReportRow {
  return Object.fromEntries(
    Object.entries(entry).map(([key, value]) => [
      key,
      value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : JSON.stringify(value),
    ]),
  );
}
