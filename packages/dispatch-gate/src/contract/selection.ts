import { z } from "zod";
import type { OperationId } from "./operations";
import { reportKindIds, type ReportKind } from "./targets";
import { ReasonCodeSchema } from "./reasons";
import { previewOutcomes } from "./start-result";
import { Uuid } from "./ids";
import { searchTextMax } from "./list-limits";
import type { SecretExpiryThreshold } from "./secret-expiry";

/**
 * Which tenants a list shows and a bulk start acts on: ONE filter shape, applied by one module
 * (dispatch-gate selection/), so "select all N matching" is exactly what the list shows.
 */
export const tenantStatusFilters = ["current", "active", "onboarding", "archived", "all"] as const;
export type TenantStatusFilter = (typeof tenantStatusFilters)[number];

/** restore.execute acts on one backup set of one tenant: it has no bulk form. */
export const bulkOperationIds = ["inventory.sync", "backup.capture", "directory.sync", "report.generate", "connection.check"] as const satisfies readonly OperationId[];
export type BulkOperationId = (typeof bulkOperationIds)[number];

export function isBulkOperation(operation: OperationId): operation is BulkOperationId {
  return (bulkOperationIds as readonly OperationId[]).includes(operation);
}

export const ReportKindSchema = z.enum(reportKindIds as [ReportKind, ...ReportKind[]]);

export const bulkOperationFields = { operation: z.enum(bulkOperationIds), reportKind: ReportKindSchema.optional() };

/** report.generate names its report; the others take none. The issue names the field. */
function reportKindFits(value: { operation: BulkOperationId; reportKind?: ReportKind | undefined }, ctx: z.RefinementCtx): void {
  const needsKind = value.operation === "report.generate";
  if (needsKind && value.reportKind === undefined) ctx.addIssue({ code: "custom", path: ["reportKind"], message: "report.generate needs a report kind" });
  if (!needsKind && value.reportKind !== undefined) ctx.addIssue({ code: "custom", path: ["reportKind"], message: `${value.operation} takes no report kind` });
}

/** An operation as a bulk start (or a readiness filter) names it: report.generate also names its report. */
export const BulkOperation = z.object(bulkOperationFields).superRefine(reportKindFits);
export type BulkOperation = z.infer<typeof BulkOperation>;

export const ReadinessFilter = z
  .object({
    ...bulkOperationFields,
    /** What a start of that operation would answer now (the gate's preview outcome). */
    outcome: z.enum(previewOutcomes),
    /** Only with outcome "blocked": that one reason. */
    reason: ReasonCodeSchema.optional(),
  })
  .superRefine(reportKindFits);
export type ReadinessFilter = z.infer<typeof ReadinessFilter>;

/**
 * How soon a tenant's client secret ends, as a filter: already expired, or expiring (not yet
 * expired) within one of the warning thresholds. The home's "secrets expired / expiring" counts
 * and this filter are one SQL definition (dispatch-gate selection/attention.ts).
 */
export const secretExpiryWindows = ["expired", "1d", "7d", "30d"] as const;
export type SecretExpiryWindow = (typeof secretExpiryWindows)[number];
export const secretExpiryWindowDays = { "1d": 1, "7d": 7, "30d": 30 } as const satisfies Record<Exclude<SecretExpiryWindow, "expired">, SecretExpiryThreshold>;

export const TenantFilter = z.object({
  /** Name, slug, primary domain or Microsoft tenant id; a literal substring, case-insensitive. */
  search: z.string().trim().min(1).max(searchTextMax).optional(),
  /** Default "current": every tenant that is not archived. */
  status: z.enum(tenantStatusFilters).optional(),
  tagId: Uuid.optional(),
  /** Tenants in any of these tags (the list's tag multi-select); a tag the caller cannot name (deleted, another workspace's) is NOT_FOUND. */
  tagIds: z.array(Uuid).min(1).max(20).optional(),
  readiness: ReadinessFilter.optional(),
  /** Tenants with a run that ended failed in the last 24 hours ("failed last night"; only `true` means anything). */
  failedWithin24h: z.literal(true).optional(),
  /** Tenants with an enabled connection whose client secret is expired, or expires within 1 / 7 / 30 days. */
  secretExpiry: z.enum(secretExpiryWindows).optional(),
});
export type TenantFilter = z.infer<typeof TenantFilter>;

/** The tenants of a bulk start: named ones, or every tenant matching a filter ({} = every current tenant). */
export const TenantSelection = z.discriminatedUnion("kind", [
  /** Tenants by slug or id; one the caller may not see answers NOT_FOUND like a random one. */
  z.object({ kind: z.literal("tenants"), tenants: z.array(z.string().trim().min(1).max(100)).min(1).max(10_000) }),
  z.object({ kind: z.literal("filter"), filter: TenantFilter }),
]);
export type TenantSelection = z.infer<typeof TenantSelection>;

