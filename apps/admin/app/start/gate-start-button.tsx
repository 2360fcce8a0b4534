import { useId } from "react";
import type { OperationId, PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint, StartButton } from "@tenantpilot/ui";

/**
 * StartButton with its readiness, except that a blocked preview does not disable the button:
 * the preview is advisory and may be stale (consent granted a minute ago), the gate decides at
 * click time, and a click on a blocked start answers "Blocked" with its next step and leaves
 * the attempt in the audit log. The blocked hint still shows before anyone clicks.
 */
export function GateStartButton({
  operation,
  preview,
  pending,
  targetLabel,
}: {
  operation: OperationId;
  preview: PreviewResult | undefined;
  pending: boolean;
  targetLabel?: string;
}) {
  const hintId = useId();
  if (preview?.outcome !== "blocked") {
    return <StartButton type="submit" operation={operation} preview={preview} pending={pending} targetLabel={targetLabel} />;
  }
  return (
    <div className="flex flex-col items-start gap-1.5">
      <StartButton type="submit" operation={operation} preview={undefined} pending={pending} targetLabel={targetLabel} />
      <ReadinessHint id={hintId} preview={preview} operation={operation} />
    </div>
  );
}
