import { z } from "zod";
import { OperationIdSchema } from "./operations";
import { ReasonCodeSchema } from "./reasons";
import { RunStatusSchema } from "./runs";
import { Uuid } from "./ids";

export const RunRef = z.object({
  id: Uuid,
  operation: OperationIdSchema,
  status: RunStatusSchema,
  /** routes.run(id) */
  href: z.string(),
});
export type RunRef = z.infer<typeof RunRef>;

export const ScopeRef = z.object({
  tenantId: z.string(),
  scopeKey: z.string(),
  /** Operator words for the scope, e.g. "Intune policies". */
  label: z.string(),
});
export type ScopeRef = z.infer<typeof ScopeRef>;

/** Identity of the provider connection a run is bound to; never carries the secret. */
export const ConnectionRef = z.object({
  id: z.string(),
  displayName: z.string(),
  clientId: z.string(),
  identityVersion: z.number().int(),
});
export type ConnectionRef = z.infer<typeof ConnectionRef>;

export const NextStep = z.object({ label: z.string(), href: z.string() });
export type NextStep = z.infer<typeof NextStep>;

const Deduped = z.object({ outcome: z.literal("deduped"), run: RunRef });
const ScopeBusy = z.object({ outcome: z.literal("scope_busy"), scope: ScopeRef, blockingRun: RunRef });
const Blocked = z.object({
  outcome: z.literal("blocked"),
  reason: ReasonCodeSchema,
  message: z.string(),
  nextStep: NextStep,
  missingPermissions: z.array(z.string()).optional(),
});

export const StartResult = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("accepted"), run: RunRef, connection: ConnectionRef }),
  Deduped,
  ScopeBusy,
  Blocked,
]);
export type StartResult = z.infer<typeof StartResult>;

/** What startOperation would answer now, without admitting anything: "accepted" reads as "ready". */
export const PreviewResult = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("ready"), connection: ConnectionRef }),
  Deduped,
  ScopeBusy,
  Blocked,
]);
export type PreviewResult = z.infer<typeof PreviewResult>;

export type StartOutcome = StartResult["outcome"];
export type PreviewOutcome = PreviewResult["outcome"];
export const startOutcomes = ["accepted", "deduped", "scope_busy", "blocked"] as const satisfies readonly StartOutcome[];
export const previewOutcomes = ["ready", "deduped", "scope_busy", "blocked"] as const satisfies readonly PreviewOutcome[];

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}

/** One handler per outcome; the mapped type makes every key required, so a forgotten outcome fails tsc. */
export type StartResultHandlers<R> = {
  [K in StartOutcome]: (result: Extract<StartResult, { outcome: K }>) => R;
};
export type PreviewResultHandlers<R> = {
  [K in PreviewOutcome]: (result: Extract<PreviewResult, { outcome: K }>) => R;
};

export function matchStartResult<R>(result: StartResult, handlers: StartResultHandlers<R>): R {
  switch (result.outcome) {
    case "accepted":
      return handlers.accepted(result);
    case "deduped":
      return handlers.deduped(result);
    case "scope_busy":
      return handlers.scope_busy(result);
    case "blocked":
      return handlers.blocked(result);
    default:
      return assertNever(result);
  }
}

export function matchPreviewResult<R>(result: PreviewResult, handlers: PreviewResultHandlers<R>): R {
  switch (result.outcome) {
    case "ready":
      return handlers.ready(result);
    case "deduped":
      return handlers.deduped(result);
    case "scope_busy":
      return handlers.scope_busy(result);
    case "blocked":
      return handlers.blocked(result);
    default:
      return assertNever(result);
  }
}
