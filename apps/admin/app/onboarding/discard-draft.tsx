import { Form, Link } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { buttonClass } from "../shell/page";

/** Asked on the draft's page before its draft is discarded (works without JavaScript). */
export function DiscardDraft({ draftId, tenantName, onboarded }: { draftId: string; tenantName: string; onboarded: boolean }) {
  return (
    <div role="region" aria-label="Confirm discard" className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-950">
      <p className="font-semibold">Discard the onboarding of {tenantName}?</p>
      <p className="mt-1">
        {onboarded
          ? "The wizard's progress is dropped; the tenant stays as it is."
          : `${tenantName} was never onboarded: it is archived, and onboarding it again under the same short name takes it up from the start. Its activity log stays.`}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Form method="post" action={routes.onboardingDraft(draftId)}>
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="confirmed" value="yes" />
          <button type="submit" className={buttonClass.danger}>
            Discard draft
          </button>
        </Form>
        <Link to={routes.onboardingDraft(draftId)} replace className={buttonClass.link}>
          Keep it
        </Link>
      </div>
    </div>
  );
}
