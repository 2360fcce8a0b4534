import { useId } from "react";
import { operationCatalog, type OperationId, type PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint } from "./readiness-hint";

export interface StartButtonProps {
  operation: OperationId;
  /** What a start would answer now; undefined while it is still being read (the gate decides at click time anyway). */
  preview: PreviewResult | undefined;
  /** True from the click until the start's answer arrives. */
  pending: boolean;
  onStart?: () => void;
  /** "submit" lets the button drive a surrounding (fetcher) form, which also works before hydration. */
  type?: "button" | "submit";
  /** Added to the accessible name when several starts of one operation share a page ("Restore backup for Monday"). */
  targetLabel?: string;
}

/**
 * The start button with its readiness beside it. A blocked preview disables the button but keeps
 * the reason and next step on screen; it is wired to the button with aria-describedby.
 */
export function StartButton({ operation, preview, pending, onStart, type = "button", targetLabel }: StartButtonProps) {
  const hintId = useId();
  const blocked = preview?.outcome === "blocked";
  const disabled = blocked || pending;
  const label = operationCatalog[operation].label;

  return (
    <div className="flex flex-col items-start gap-1.5">
      <button
        type={type}
        name="operation"
        value={operation}
        disabled={disabled}
        aria-busy={pending || undefined}
        aria-describedby={preview === undefined ? undefined : hintId}
        onClick={disabled ? undefined : onStart}
        className="inline-flex items-center gap-2 rounded-md bg-slate-900 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-600"
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
      {preview === undefined ? null : <ReadinessHint id={hintId} preview={preview} operation={operation} />}
    </div>
  );
}
