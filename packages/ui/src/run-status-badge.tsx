import { describe, type RunStatus } from "@tenantpilot/dispatch-gate/contract";

// Whole class literals per status (Tailwind scans for them); the word is always rendered beside the colour.
const badgeTones = {
  queued: { badge: "bg-slate-100 text-slate-800 ring-slate-300", dot: "bg-slate-500" },
  running: { badge: "bg-sky-50 text-sky-800 ring-sky-300", dot: "bg-sky-500 animate-pulse" },
  succeeded: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-300", dot: "bg-emerald-500" },
  partially_succeeded: { badge: "bg-amber-50 text-amber-900 ring-amber-300", dot: "bg-amber-500" },
  failed: { badge: "bg-rose-50 text-rose-800 ring-rose-300", dot: "bg-rose-500" },
  cancelled: { badge: "bg-zinc-100 text-zinc-700 ring-zinc-300", dot: "bg-zinc-400" },
} as const satisfies Record<RunStatus, { badge: string; dot: string }>;

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const tone = badgeTones[status];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone.badge}`}
      data-status={status}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${tone.dot}`} />
      {describe({ runStatus: status })}
    </span>
  );
}
