import { describe } from "@tenantpilot/dispatch-gate/contract";
import { Pill } from "../shell/page";

/** Tenant lifecycle in words; "active" is the normal case and is not worth a badge. */
export function TenantStatusPill({ status }: { status: string }) {
  if (status === "active") return null;
  return <Pill tone={status === "onboarding" ? "sky" : "slate"}>{describe({ tenantStatus: status })}</Pill>;
}
