import { Link } from "@remix-run/react";
import { describe, type TenantBlocker } from "@tenantpilot/dispatch-gate/contract";
import { useIsStep } from "@tenantpilot/ui";
import { buttonClass } from "../shell/page";

/** What a card blocked by the banner's reason says instead of repeating it. */
export const sharedBlockerWords = "see the tenant's problem above";

/**
 * A tenant-wide blocker (no connection, no consent, expired credentials, archived, onboarding
 * unfinished), once for the whole tenant, with its one next step: the gate's own words.
 */
export function TenantBanner({ blocker }: { blocker: TenantBlocker }) {
  // Only where the viewer's role can act (a read-only member is not sent to the add-connection form).
  const offered = useIsStep(blocker.nextStep.href);
  return (
    <section
      aria-label="Tenant blocked"
      data-tenant-blocker={blocker.reason}
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-rose-200 bg-rose-50 px-5 py-4"
    >
      <p className="text-sm text-rose-950">
        <strong className="font-semibold text-rose-800">{describe({ outcome: "blocked" })}:</strong> {blocker.message} Operations on this
        tenant stay blocked until this is resolved.
      </p>
      {offered ? (
        <Link to={blocker.nextStep.href} className={buttonClass.primary}>
          {blocker.nextStep.label}
        </Link>
      ) : null}
    </section>
  );
}
