import type { ReactNode } from "react";
import { operationCatalog, type OperationId, type PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint } from "@tenantpilot/ui";
import { StartControl } from "../start/start-control";

/**
 * One operation on a tenant page: what it does, which scope it holds, and its start control —
 * or, for a role that may not start it, only its readiness.
 */
export function OperationCard({
  operation,
  title,
  target,
  targetLabel,
  preview,
  canStart,
  buttonTargetLabel,
  sharedBlocker,
  children,
}: {
  operation: OperationId;
  title?: string;
  target?: string;
  targetLabel: string;
  /** What a start would answer now: every role that sees the tenant reads it (the tenant's readiness). */
  preview: PreviewResult;
  canStart: boolean;
  buttonTargetLabel?: string;
  /** Set when the page's tenant banner already shows this card's blocker: the card points there. */
  sharedBlocker?: string | undefined;
  children?: ReactNode;
}) {
  const definition = operationCatalog[operation];
  return (
    <section className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-operation={operation} aria-label={title ?? definition.label}>
      <h3 className="text-sm font-semibold text-slate-900">{title ?? definition.label}</h3>
      <p className="mt-1 text-sm text-slate-600">{operationCatalog[operation].purpose}</p>
      <p className="mt-1 text-xs text-slate-500">Holds the {definition.scope.label} scope while it runs.</p>
      {children}
      <div className="mt-4">
        {canStart ? (
          <StartControl operation={operation} target={target} targetLabel={targetLabel} preview={preview} buttonTargetLabel={buttonTargetLabel} sharedBlocker={sharedBlocker} />
        ) : (
          <div className="space-y-1">
            <ReadinessHint preview={preview} operation={operation} sharedBlocker={sharedBlocker} />
            <p className="text-xs text-slate-500">Your role can view this tenant but not start operations.</p>
          </div>
        )}
      </div>
    </section>
  );
}
