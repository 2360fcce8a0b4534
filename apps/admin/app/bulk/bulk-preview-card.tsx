import { Form, Link, useNavigation } from "@remix-run/react";
import { buttonClass, Card } from "../shell/page";
import type { BulkPreviewReply } from "./bulk-action.server";

/**
 * The preview's rollup ("412 will queue · 31 already running · 7 blocked: 5 need consent, 2 secrets
 * expired") and its confirmation. The confirm form carries the key made with the preview, so a
 * second click (or a resubmitted request) answers the same batch.
 */
export function BulkPreviewCard({ preview, cancelHref }: { preview: BulkPreviewReply; cancelHref: string }) {
  const navigation = useNavigation();
  const confirming = navigation.state !== "idle" && navigation.formData?.get("intent") === "confirm";
  const willQueue = preview.rollup.byOutcome.ready;
  return (
    <Card title={`Preview: ${preview.title}`} className="mb-6" id="bulk-preview">
      <p className="text-sm text-slate-800" data-rollup="">
        {preview.line}
      </p>
      <p className="mt-1 text-xs text-slate-500">Blocked tenants create no run; the batch lists each with its next step.</p>
      <Form method="post" className="mt-4 flex items-center gap-3">
        <input type="hidden" name="operation" value={preview.fields.operation} />
        <input type="hidden" name="selection" value={preview.fields.selection} />
        <input type="hidden" name="idempotencyKey" value={preview.fields.idempotencyKey} />
        <button type="submit" name="intent" value="confirm" className={buttonClass.primary} aria-busy={confirming || undefined}>
          {confirming ? "Starting…" : `Confirm${willQueue > 0 ? ` — queue ${willQueue}` : ""}`}
        </button>
        <Link to={cancelHref} className={buttonClass.link}>
          Cancel
        </Link>
      </Form>
    </Card>
  );
}
