import { describe } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { Pill } from "../shell/page";
import type { ApiOutputs } from "../live/trpc";

export type ConnectionView = ApiOutputs["connections"]["detail"]["connection"];

export function ConsentPill({ state }: { state: string }) {
  const tone = state === "granted" ? "emerald" : state === "revoked" ? "rose" : "amber";
  return <Pill tone={tone}>{describe({ consentState: state })}</Pill>;
}

/** What a list row says about a connection's state, most important first. */
export function ConnectionFlags({ connection }: { connection: Pick<ConnectionView, "enabled" | "isPrimary" | "consentState" | "hasSecret"> }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {connection.isPrimary ? <Pill tone="sky">Primary</Pill> : null}
      {connection.enabled ? null : <Pill tone="rose">Disabled</Pill>}
      <ConsentPill state={connection.consentState} />
      {connection.hasSecret ? null : <Pill tone="amber">No secret</Pill>}
    </span>
  );
}

/** The last connection check in words: when, and whether it passed. */
export function LastCheck({ lastCheck }: { lastCheck: ConnectionView["lastCheck"] }) {
  if (lastCheck === null) return <span className="text-slate-500">Never checked</span>;
  const passed = lastCheck.status === "ok";
  return (
    <span>
      <span className={passed ? "font-medium text-emerald-700" : "font-medium text-rose-700"}>{passed ? "Passed" : "Failed"}</span>
      <span className="text-slate-500">
        {" · "}
        <TimeStamp value={lastCheck.at} />
      </span>
    </span>
  );
}

export function SecretExpiry({ connection }: { connection: Pick<ConnectionView, "hasSecret" | "secretExpiresAt"> }) {
  if (!connection.hasSecret) return <span className="text-amber-800">No client secret stored</span>;
  if (connection.secretExpiresAt === null) return <span>Stored · no expiry recorded</span>;
  const expired = new Date(connection.secretExpiresAt).getTime() < Date.now();
  return (
    <span className={expired ? "text-rose-700" : undefined}>
      {expired ? "Expired " : "Stored · expires "}
      <TimeStamp value={connection.secretExpiresAt} />
    </span>
  );
}
