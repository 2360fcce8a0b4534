import { Form, Link, useSearchParams } from "@remix-run/react";
import { operationCatalog, routes, type OperationId } from "@tenantpilot/dispatch-gate/contract";
import { buttonClass } from "../shell/page";

export interface RetryControlProps {
  runId: string;
  operation: OperationId;
  tenant: { slug: string; displayName: string };
  targetLabel: string;
  busy: boolean;
  /** The gate answered the retry: the confirmation was used and is asked again for another retry. */
  answered: boolean;
}

/**
 * Retry of a failed or cancelled run. An operation that writes to the customer's tenant (a
 * restore) is never retried in one click: Retry opens the same confirmation its first start
 * needed, naming the tenant, and the confirmation travels with the request (the gate checks it).
 */
export function RetryControl({ runId, operation, tenant, targetLabel, busy, answered }: RetryControlProps) {
  const [params] = useSearchParams();
  const definition = operationCatalog[operation];
  if (!definition.confirmTenant) {
    return (
      <Form method="post">
        <input type="hidden" name="intent" value="retry" />
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? "Starting…" : "Retry"}
        </button>
      </Form>
    );
  }
  if (params.get("confirm") !== "retry" || answered) {
    return (
      <Link to={routes.run(runId, { confirm: "retry" })} className={buttonClass.primary}>
        Retry…
      </Link>
    );
  }
  return (
    <div className="w-full max-w-md space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" role="region" aria-label="Confirm retry">
      <p className="font-semibold">
        {definition.verb} {targetLabel} to {tenant.displayName} again?
      </p>
      <p>Policies in {tenant.displayName}&apos;s Intune will be overwritten with the captured content. A restore is never retried automatically.</p>
      <div className="flex items-center gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <input type="hidden" name="confirmTenant" value={tenant.slug} />
          <button type="submit" className={buttonClass.danger} disabled={busy}>
            {busy ? "Starting…" : `${definition.verb} ${tenant.displayName} again`}
          </button>
        </Form>
        <Link to={routes.run(runId)} replace className={buttonClass.link}>
          Cancel
        </Link>
      </div>
    </div>
  );
}
