import { z } from "zod";
import { ReasonCodeSchema } from "./reasons";

// What a run records in operation_runs.diagnostics, section by section: written by the worker and
// the run lifecycle (always through these types), parsed once by the API (`parseRunDiagnostics`)
// and read typed by every page. Never secrets. Rows written by older code may lack a field or
// carry one in an older shape: a section that does not parse reads as absent instead of failing
// the page, and keys this schema does not know are kept for the raw view.

/** One Intune policy family as an inventory sync listed it (`inventory.coverage`, written as it goes). */
export const CoveredPolicyType = z.object({
  policyType: z.string(),
  label: z.string(),
  items: z.number(),
  changed: z.number().default(0),
  /** The listing stopped at its page cap: the family is only partly covered. */
  truncated: z.boolean().default(false),
  syncedAt: z.string(),
});
export type CoveredPolicyType = z.infer<typeof CoveredPolicyType>;

/** Users or groups as a directory sync listed them. */
export const ListedObjects = z.object({ items: z.number(), truncated: z.boolean().default(false), syncedAt: z.string() });
export type ListedObjects = z.infer<typeof ListedObjects>;

/** What a provider (or our own code) answered when something failed: codes and ids, never a secret. */
export const ProblemRecord = z.object({
  name: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  status: z.number().optional(),
  requestId: z.string().optional(),
  clientRequestId: z.string().optional(),
  aadsts: z.string().optional(),
  graphCode: z.string().optional(),
  missingPermissions: z.array(z.string()).optional(),
  transient: z.boolean().optional(),
  retryAfterSeconds: z.number().optional(),
});
export type ProblemRecord = z.infer<typeof ProblemRecord>;

/** One item of a backup or restore that Graph refused. */
const ItemProblem = z.object({ policyType: z.string(), externalId: z.string(), displayName: z.string(), reason: z.string(), message: z.string() });

const RestoredItem = z.discriminatedUnion("outcome", [
  z.object({ backupItemId: z.string(), policyType: z.string(), externalId: z.string(), displayName: z.string(), outcome: z.enum(["updated", "created"]), policyId: z.string() }),
  ItemProblem.extend({ backupItemId: z.string(), outcome: z.literal("failed") }),
]);
export type RestoredItem = z.infer<typeof RestoredItem>;

/** One Graph or token request of the run (the last few), as provider-graph records them. */
const RequestRecord = z.object({
  at: z.string(),
  kind: z.enum(["token", "graph"]),
  method: z.string(),
  url: z.string(),
  status: z.number().optional(),
  requestId: z.string().optional(),
  clientRequestId: z.string(),
  attempt: z.number(),
  durationMs: z.number(),
  failure: z.string().optional(),
});

const Actor = z.object({ kind: z.enum(["user", "token", "system"]), userId: z.string().optional() });

const sections = {
  /** Which worker process claimed the run (startRun). */
  worker: z.object({ id: z.string() }),
  /** A cancellation requested while the run was running (cancelRun); the worker honours it. */
  cancellation: z.object({ by: Actor, at: z.string() }),
  /** Transient failures retried inside the run (beginRetry). */
  retries: z.array(z.object({ attempt: z.number(), reason: ReasonCodeSchema, message: z.string(), retryInMs: z.number(), at: z.string() })),
  /** The failure that ended the run. */
  error: ProblemRecord,
  /** provider_permission_missing: the permissions Graph refused, named wherever the reason is. */
  missingPermissions: z.array(z.string()),
  requests: z.array(RequestRecord),
  /** The reaper failed the run as worker_lost. */
  lost: z.object({ detectedAt: z.string(), boundMs: z.number(), lastHeartbeatAt: z.string().nullable() }),
  inventory: z.object({ coverage: z.array(CoveredPolicyType), complete: z.boolean().optional() }),
  directory: z.object({ users: ListedObjects.optional(), groups: ListedObjects.optional() }),
  backup: z.object({
    backupSetId: z.string(),
    captured: z.number().optional(),
    vanished: z.number().optional(),
    truncated: z.boolean().optional(),
    failures: z.array(ItemProblem).optional(),
  }),
  /** selected: how many policies the operator chose (null: the whole set). */
  restore: z.object({ backupSetId: z.string(), selected: z.number().nullable().optional(), items: z.array(RestoredItem) }),
  /** report.generate: the report's kind, label, row count and its kind's own summary figures. */
  report: z.looseObject({ kind: z.string(), label: z.string(), rowCount: z.number() }),
  /** connection.check: what Microsoft granted and what each operation still misses. */
  check: z.object({
    ok: z.boolean(),
    checkedAt: z.string(),
    grantedPermissions: z.array(z.string()),
    missingByOperation: z.record(z.string(), z.array(z.string())),
    stored: z.boolean(),
    error: ProblemRecord.optional(),
  }),
};

type Sections = typeof sections;

/** The diagnostics a writer adds: any of the sections, each in its full shape. */
export type RunDiagnosticsInput = { [K in keyof Sections]?: z.input<Sections[K]> };

/** The diagnostics as read: every section optional, typed; unknown keys of older rows kept as they are. */
export const RunDiagnostics = z.looseObject(
  Object.fromEntries(Object.entries(sections).map(([key, schema]: [string, z.ZodType]) => [key, schema.optional().catch(undefined)])) as {
    [K in keyof Sections]: z.ZodCatch<z.ZodOptional<Sections[K]>>;
  },
);
export type RunDiagnostics = z.infer<typeof RunDiagnostics>;

/** The one place stored diagnostics become typed: anything that is not an object reads as empty. */
export function parseRunDiagnostics(stored: unknown): RunDiagnostics {
  const parsed = RunDiagnostics.safeParse(stored);
  return parsed.success ? parsed.data : {};
}
