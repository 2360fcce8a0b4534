import { useActionData, useFetcher } from "@remix-run/react";
import { isActiveRunStatus, runNamedByPreview, runNamedByStart, type OperationId, type PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { StartButton, StartResultNotice } from "@tenantpilot/ui";
import { useFollowedRun } from "../live/use-followed-run";
import { startKey, startReplyOf } from "./start-reply";

export interface StartControlProps {
  operation: OperationId;
  /** What the operation acts on when it is not the tenant itself (report kind, backup set, connection). */
  target?: string | undefined;
  /** Operator words for the target: "Contoso Ltd", "Contoso Ltd — Device compliance". */
  targetLabel: string;
  /** Read by the page's loader; refreshed after every start because Remix revalidates. */
  preview: PreviewResult | undefined;
  /** Added to the button's accessible name when several starts of one operation share the page. */
  buttonTargetLabel?: string | undefined;
  /** Hidden fields the page's action needs besides operation and target (e.g. a confirmation). */
  extraFields?: Record<string, string> | undefined;
  /** The page shows this start's blocker once for the whole tenant: the hint points there. */
  sharedBlocker?: string | undefined;
}

/**
 * A start button, its readiness before the click, "Starting…" while the gate answers and the
 * shared notice after (focus moves to it). Posts to the page's own action through a fetcher;
 * without JavaScript the same form submits as a page navigation and the answer comes back as
 * the page's action data.
 */
export function StartControl({ operation, target, targetLabel, preview, buttonTargetLabel, extraFields, sharedBlocker }: StartControlProps) {
  const key = startKey(operation, target);
  const fetcher = useFetcher({ key: `start:${key}` });
  const pageReply = startReplyOf(useActionData());
  const fetched = startReplyOf(fetcher.data);
  const reply = fetched ?? (pageReply?.key === key ? pageReply : undefined);
  const pending = fetcher.state === "submitting";
  const answeredRun = reply ? runNamedByStart(reply.result) : null;
  const followed = useFollowedRun(answeredRun);
  // When the run the notice names has ended, a readiness line still naming it as running or holding
  // the scope is stale until the loaders have run again (useFollowedRun starts that): it is held
  // back meanwhile, so the two never contradict each other.
  const namedByPreview = preview === undefined ? null : runNamedByPreview(preview);
  const stale = followed !== undefined && !isActiveRunStatus(followed.status) && namedByPreview?.id === followed.runId;
  const shownPreview = stale ? undefined : preview;

  return (
    <div className="space-y-3" data-start-control={key}>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="start" />
        {target === undefined ? null : <input type="hidden" name="target" value={target} />}
        {Object.entries(extraFields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <StartButton
          type="submit"
          operation={operation}
          preview={shownPreview}
          pending={pending}
          targetLabel={buttonTargetLabel}
          sharedBlocker={sharedBlocker}
        />
      </fetcher.Form>
      {reply ? (
        <StartResultNotice
          result={reply.result}
          operation={operation}
          targetLabel={targetLabel}
          autoFocus={fetched !== undefined}
          followed={followed}
        />
      ) : null}
    </div>
  );
}
