import { z } from "zod";
import { routes } from "./routes";

export const preflightReasonCodes = [
  "provider_connection_missing",
  "provider_connection_disabled",
  "provider_consent_missing",
  "provider_credentials_missing",
  "provider_credentials_expired",
  "provider_permission_missing",
  "tenant_not_operable",
  "target_not_found",
  "target_not_ready",
] as const;

export const executionReasonCodes = [
  "provider_throttled",
  "provider_unavailable",
  "connection_changed",
  "worker_lost",
  "run_cancelled",
  "internal_error",
] as const;

export const reasonCodes = [...preflightReasonCodes, ...executionReasonCodes] as const;
export type ReasonCode = (typeof reasonCodes)[number];
export const ReasonCodeSchema = z.enum(reasonCodes);

/** What a route builder may know. Only ids/slugs of the operator's own tenant: never another tenant's data. */
export interface ReasonContext {
  tenantSlug: string;
  connectionId?: string | undefined;
  runId?: string | undefined;
  backupSetId?: string | undefined;
}

export interface ReasonDetail {
  /** provider_permission_missing names them in the message. */
  missingPermissions?: readonly string[] | undefined;
  /** tenant_not_operable: an archived tenant and an unfinished onboarding resolve in different places. */
  tenantStatus?: string | undefined;
}

export interface NextStepValue {
  label: string;
  href: string;
}

/** A reason in words: one sentence and one next step. */
export interface ReasonWords {
  message: string;
  nextStep: NextStepValue;
}

export interface ReasonEntry {
  /** preflight: blocks a start; execution: ends an accepted run. Graph 401/403 at execution reuse the preflight entries. */
  phase: "preflight" | "execution";
  /** The sentence when nothing more specific is known. */
  sentence: string;
  nextStepLabel: string;
  route(ctx: ReasonContext): string;
  /**
   * Words for what the start or run recorded beyond the code (the permissions it lacks, whether
   * the tenant is archived or still onboarding); the parts it leaves out are the generic ones.
   */
  refine?(detail: ReasonDetail, ctx: ReasonContext): Partial<ReasonWords> | undefined;
}

const connectionRoute = (ctx: ReasonContext) =>
  ctx.connectionId === undefined ? routes.connections() : routes.connection(ctx.connectionId);
const runRoute = (ctx: ReasonContext) => (ctx.runId === undefined ? routes.tenant(ctx.tenantSlug) : routes.run(ctx.runId));

/** One description per reason code: the catalogue is typed for every ReasonCode, so a code without its words fails tsc. */
export type ReasonCatalogFor<Code extends string> = Readonly<Record<Code, ReasonEntry>>;

export const reasonCatalog: ReasonCatalogFor<ReasonCode> = {
  provider_connection_missing: {
    phase: "preflight",
    sentence: "This tenant has no primary provider connection.",
    nextStepLabel: "Add a provider connection",
    route: (ctx) => routes.newConnection({ tenant: ctx.tenantSlug }),
  },
  provider_connection_disabled: {
    phase: "preflight",
    sentence: "The tenant's provider connection is disabled.",
    nextStepLabel: "Review the connection",
    route: connectionRoute,
  },
  provider_consent_missing: {
    phase: "preflight",
    sentence: "The provider connection has no admin consent in Microsoft Entra.",
    nextStepLabel: "Grant admin consent",
    route: connectionRoute,
  },
  provider_credentials_missing: {
    phase: "preflight",
    // Also the execution-time answer when Entra rejects the secret or does not know the app id:
    // in every case the operator must enter working credentials, so one sentence serves both.
    sentence: "The provider connection has no valid client credentials.",
    nextStepLabel: "Enter the client credentials",
    route: connectionRoute,
  },
  provider_credentials_expired: {
    phase: "preflight",
    sentence: "The provider connection's client secret has expired or was rejected.",
    nextStepLabel: "Rotate the client secret",
    route: connectionRoute,
  },
  provider_permission_missing: {
    phase: "preflight",
    sentence: "The provider connection lacks a required Microsoft Graph permission.",
    nextStepLabel: "Grant the missing permissions",
    route: connectionRoute,
    refine: ({ missingPermissions }) => {
      if (missingPermissions === undefined || missingPermissions.length === 0) return undefined;
      const noun = missingPermissions.length === 1 ? "permission" : "permissions";
      return { message: `The provider connection lacks the Microsoft Graph ${noun}: ${missingPermissions.join(", ")}.` };
    },
  },
  tenant_not_operable: {
    phase: "preflight",
    sentence: "This tenant is archived or has not finished onboarding.",
    nextStepLabel: "Open the tenant",
    route: (ctx) => routes.tenant(ctx.tenantSlug),
    refine: ({ tenantStatus }, ctx) => {
      if (tenantStatus === "onboarding") {
        return { message: "This tenant has not finished onboarding.", nextStep: { label: "Finish onboarding", href: routes.onboarding() } };
      }
      // Not the tenant's own page (where this answer is shown): the tenants list's archived view,
      // where an owner unarchives it.
      if (tenantStatus === "archived") {
        return {
          message: "This tenant is archived. An owner can unarchive it.",
          nextStep: { label: "Unarchive the tenant", href: routes.home({ status: "archived", search: ctx.tenantSlug }) },
        };
      }
      return undefined;
    },
  },
  target_not_found: {
    phase: "preflight",
    sentence: "The selected target does not exist in this tenant.",
    nextStepLabel: "Back to the tenant",
    route: (ctx) => routes.tenant(ctx.tenantSlug),
  },
  target_not_ready: {
    phase: "preflight",
    sentence: "The selected backup set is not complete.",
    nextStepLabel: "Choose a complete backup set",
    route: (ctx) => routes.tenantBackups(ctx.tenantSlug),
  },
  provider_throttled: {
    phase: "execution",
    sentence: "Microsoft Graph throttled the requests.",
    nextStepLabel: "Open the run",
    route: runRoute,
  },
  provider_unavailable: {
    phase: "execution",
    sentence: "Microsoft Graph was unavailable.",
    nextStepLabel: "Open the run",
    route: runRoute,
  },
  connection_changed: {
    phase: "execution",
    sentence: "The provider connection changed after the run was queued.",
    nextStepLabel: "Review the connection",
    route: connectionRoute,
  },
  worker_lost: {
    phase: "execution",
    sentence: "The worker running this operation stopped responding.",
    nextStepLabel: "Open the run",
    route: runRoute,
  },
  run_cancelled: {
    phase: "execution",
    sentence: "The run was cancelled.",
    nextStepLabel: "Open the run",
    route: runRoute,
  },
  internal_error: {
    phase: "execution",
    sentence: "An unexpected error stopped the run.",
    nextStepLabel: "Open the run",
    route: runRoute,
  },
};

/** The reason codes that speak about the connection itself, whichever surface met them (ADR 011). */
export const connectionReasonCodes = [
  "provider_consent_missing",
  "provider_credentials_missing",
  "provider_credentials_expired",
  "provider_permission_missing",
] as const satisfies readonly ReasonCode[];
export type ConnectionReasonCode = (typeof connectionReasonCodes)[number];

export function isConnectionReason(code: string): code is ConnectionReasonCode {
  return (connectionReasonCodes as readonly string[]).includes(code);
}
