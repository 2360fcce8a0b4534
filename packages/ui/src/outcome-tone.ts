import type { PreviewOutcome, RunStatus, StartOutcome } from "@tenantpilot/dispatch-gate/contract";

/**
 * Colour per outcome, one place for the notice and the readiness hint. Class names are whole
 * literals so Tailwind's scanner finds them. Colour always accompanies the outcome word, never replaces it.
 */
export interface OutcomeTone {
  panel: string;
  heading: string;
  dot: string;
}

const positive: OutcomeTone = {
  panel: "border-emerald-200 bg-emerald-50 text-emerald-950",
  heading: "text-emerald-800",
  dot: "bg-emerald-500",
};

export const outcomeTones = {
  ready: positive,
  accepted: positive,
  deduped: {
    panel: "border-sky-200 bg-sky-50 text-sky-950",
    heading: "text-sky-800",
    dot: "bg-sky-500",
  },
  scope_busy: {
    panel: "border-amber-200 bg-amber-50 text-amber-950",
    heading: "text-amber-800",
    dot: "bg-amber-500",
  },
  blocked: {
    panel: "border-rose-200 bg-rose-50 text-rose-950",
    heading: "text-rose-800",
    dot: "bg-rose-500",
  },
} as const satisfies Record<StartOutcome | PreviewOutcome, OutcomeTone>;

/** A notice that follows its run takes the colour of where the run stands (an end is green, amber or red). */
export const runStatusTones = {
  queued: outcomeTones.accepted,
  running: outcomeTones.deduped,
  succeeded: outcomeTones.accepted,
  partially_succeeded: outcomeTones.scope_busy,
  failed: outcomeTones.blocked,
  cancelled: { panel: "border-zinc-200 bg-zinc-50 text-zinc-900", heading: "text-zinc-700", dot: "bg-zinc-400" },
} as const satisfies Record<RunStatus, OutcomeTone>;

export const linkClass =
  "font-medium underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-current rounded-sm";
