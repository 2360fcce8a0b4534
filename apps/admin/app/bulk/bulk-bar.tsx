import { Form } from "@remix-run/react";
import { buttonClass } from "../shell/page";
import { bulkFormId } from "../tenants/tenant-table";
import { bulkChoices } from "./bulk-operation";

const selectClass =
  "rounded-md border-0 py-2 pl-3 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900";

/**
 * What to do with the selected rows (their checkboxes submit with this form): start an operation —
 * "Preview" first, the confirmation follows — or add / remove a tag. "All matching this filter"
 * stands for every tenant the list's filter matches, on every page.
 */
export function BulkBar({ canStart, tags }: { canStart: boolean; tags: readonly { id: string; name: string }[] | null }) {
  return (
    <Form method="post" id={bulkFormId} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3" aria-label="Selected tenants">
      {canStart ? (
        <>
          <label className="space-y-1 text-sm font-medium text-slate-700">
            <span className="block">Operation</span>
            <select name="operation" className={selectClass} defaultValue={bulkChoices[0]?.value}>
              {bulkChoices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 py-2 text-sm text-slate-700">
            <input type="checkbox" name="all" value="1" />
            All tenants matching this filter
          </label>
          <button type="submit" name="intent" value="preview" className={buttonClass.primary}>
            Preview
          </button>
        </>
      ) : null}
      {tags && tags.length > 0 ? (
        <div className="flex flex-wrap items-end gap-2 sm:ml-auto">
          <label className="space-y-1 text-sm font-medium text-slate-700">
            <span className="block">Tag</span>
            <select name="tag" className={selectClass}>
              {tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" name="intent" value="tag-add" className={buttonClass.secondary}>
            Add tag
          </button>
          <button type="submit" name="intent" value="tag-remove" className={buttonClass.secondary}>
            Remove tag
          </button>
        </div>
      ) : null}
    </Form>
  );
}
