import { Pill } from "../shell/page";

/** Tenant lifecycle in words; "active" is the normal case and is not worth a badge. */
export function TenantStatusPill({ status }: { status: string }) {
  if (status === "active") return null;
  if (status === "onboarding") return <Pill tone="sky">Onboarding</Pill>;
  if (status === "archived") return <Pill>Archived</Pill>;
  return <Pill>{status}</Pill>;
}
