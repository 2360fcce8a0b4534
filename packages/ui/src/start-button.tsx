import { useId } from "react";
import { operationCatalog, type OperationId, type PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint } from "./readiness-hint";

export interface StartButtonProps {
  operation: OperationId;
  /** What a start would answer now; undefined while it is still being read (the gate decides at click time anyway). */
  preview: PreviewResult | undefined;
  /** True from the click until the start's answer arrives. */
  pending: boolean;
  onStart?: (() => void) | undefined;
  /** "submit" lets the button drive a surrounding (fetcher) form, which also works before hydration. */
  type?: "button" | "submit" | undefined;
  /** Added to the accessible name when several starts of one operation share a page ("Restore backup for Monday"). */
  targetLabel?: string | undefined;
  /** The tenant-wide blocker is shown once on the page: the hint points there (ReadinessHint). */
  sharedBlocker?: string | undefined;
}

const primaryLook =
  "bg-slate-900 text-white shadow-sm hover:bg-slate-700 disabled:bg-slate-300 disabled:text-slate-600";
// Blocked is shown before the click, but the button stays clickable: the preview may be stale
// (consent granted a minute ago), the gate decides at click time, and a click on a blocked start
// answers "Blocked" with its next step and leaves the attempt in the audit log.
const blockedLook =
  "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:bg-slate-100 disabled:text-slate-500";

/**
 * The start button with its readiness beside it, wired with aria-describedby. It is disabled only
 * while a start is pending; a blocked preview gives it secondary styling and keeps the reason and
 * next step on screen.
 */
export function StartButton({ operation, preview, pending, onStart, type = "button", targetLabel, sharedBlocker }: StartButtonProps) {
  const hintId = useId();
  const blocked = preview?.outcome === "blocked";
  const label = operationCatalog[operation].label;

  return (
    <div className="flex flex-col items-start gap-1.5">
      <button
        type={type}
        name="operation"
        value={operation}
        disabled={pending}
        aria-busy={pending || undefined}
        aria-describedby={preview === undefined ? undefined : hintId}
        data-blocked={blocked || undefined}
        onClick={pending ? undefined : onStart}
        className={`inline-flex items-center gap-2 rounded-md px-3.5 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-not-allowed ${blocked ? blockedLook : primaryLook}`}
      >
        {pending ? (
          <>
            <span
              aria-hidden="true"
              className="size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent"
            />
            Starting…
          </>
        ) : (
          label
        )}
        {targetLabel === undefined ? null : <span className="sr-only"> for {targetLabel}</span>}
      </button>
      {preview === undefined ? null : <ReadinessHint id={hintId} preview={preview} operation={operation} sharedBlocker={sharedBlocker} />}
    </div>
  );
}
