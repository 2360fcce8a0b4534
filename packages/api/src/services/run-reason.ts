import { ConnectionRef, describe, parseRunDiagnostics, ReasonCodeSchema, type NextStep, type ReasonCode } from "@tenantpilot/dispatch-gate/contract";

export interface RunReason {
  code: ReasonCode;
  message: string;
  nextStep: NextStep;
  /** provider_permission_missing: the permissions Graph refused, also named in the message. */
  missingPermissions: string[];
  /** Technical detail recorded by the worker; secondary to the message. */
  detail: string | null;
}

export interface RunReasonFacts {
  id: string;
  reasonCode: string | null;
  reasonDetail: string | null;
  diagnostics: unknown;
  providerConnectionId: string | null;
}

/**
 * A finished run's reason in the words a blocked start uses for it (the one describe function),
 * with the same specifics: the run page, the CLI and the bell all read it from here.
 */
export function runReason(run: RunReasonFacts, tenantSlug: string): RunReason | null {
  const code = ReasonCodeSchema.safeParse(run.reasonCode);
  if (!code.success) return null;
  const missingPermissions = parseRunDiagnostics(run.diagnostics).missingPermissions ?? [];
  return {
    code: code.data,
    ...describe({
      reason: code.data,
      context: { tenantSlug, runId: run.id, ...(run.providerConnectionId === null ? {} : { connectionId: run.providerConnectionId }) },
      detail: { missingPermissions },
    }),
    missingPermissions,
    detail: run.reasonDetail,
  };
}

/** The connection identity a run was bound to at admission, when it recorded one. */
export function boundConnection(snapshot: unknown): ConnectionRef | null {
  const parsed = ConnectionRef.safeParse(snapshot);
  return parsed.success ? parsed.data : null;
}
