import { Form, useActionData } from "@remix-run/react";
import { buttonClass, Pill } from "../shell/page";
import { HomeNotice } from "./home-notice";
import type { NoticeReply } from "./tag-actions.server";

function isNotice(value: unknown): value is NoticeReply {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "notice";
}

/**
 * A tenant's tags on its page: each with a remove button, and one field that adds a tag by name —
 * an existing one, or a new one created on the spot.
 */
export function TenantTags({
  tenant,
  workspace,
  tags,
  canManage,
}: {
  tenant: string;
  workspace: string;
  tags: readonly { id: string; name: string }[];
  canManage: boolean;
}) {
  const reply = useActionData();
  if (!canManage && tags.length === 0) return null;
  return (
    <section aria-label="Tags" className="flex flex-wrap items-center gap-2">
      <h2 className="text-sm font-semibold text-slate-700">Tags</h2>
      {tags.length === 0 ? <span className="text-sm text-slate-500">None</span> : null}
      {tags.map((tag) => (
        <Form key={tag.id} method="post" className="inline-flex items-center gap-1" data-tag={tag.name}>
          <Pill>{tag.name}</Pill>
          {canManage ? (
            <>
              <input type="hidden" name="workspace" value={workspace} />
              <input type="hidden" name="tag" value={tag.id} />
              <input type="hidden" name="tenant" value={tenant} />
              <button type="submit" name="intent" value="tag-remove" className="text-xs text-slate-500 hover:text-rose-700" aria-label={`Remove tag ${tag.name}`}>
                ×
              </button>
            </>
          ) : null}
        </Form>
      ))}
      {canManage ? (
        <Form method="post" className="inline-flex items-center gap-2">
          <input type="hidden" name="workspace" value={workspace} />
          <input type="hidden" name="tenant" value={tenant} />
          <input
            name="name"
            required
            maxLength={60}
            placeholder="Add a tag"
            aria-label="Add a tag (an existing one or a new one)"
            className="rounded-md border-0 px-2.5 py-1 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900"
          />
          <button type="submit" name="intent" value="tag-put" className={buttonClass.secondary}>
            Add
          </button>
        </Form>
      ) : null}
      {isNotice(reply) ? (
        <div className="basis-full">
          <HomeNotice ok={reply.ok} message={reply.message} />
        </div>
      ) : null}
    </section>
  );
}
