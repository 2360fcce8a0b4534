import { Form } from "@remix-run/react";
import { buttonClass, Card } from "../shell/page";

const inputClass = "rounded-md border-0 px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900";

/** The workspace's tags: create, rename, delete (deleting a tag takes it off its tenants, nothing else). */
export function TagsSection({ tags }: { tags: readonly { id: string; name: string; tenantCount: number }[] }) {
  return (
    <Card title="Tags" description="Label tenants (“EU”, “Gold support”) to filter the list and to start work on them together." className="mt-8" id="tags">
      <ul className="divide-y divide-slate-100">
        {tags.map((tag) => (
          <li key={tag.id} className="flex flex-wrap items-center gap-3 py-2" data-tag={tag.name}>
            <Form method="post" className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="tag" value={tag.id} />
              <input name="name" defaultValue={tag.name} aria-label={`New name for ${tag.name}`} maxLength={60} required className={inputClass} />
              <button type="submit" name="intent" value="tag-rename" className={buttonClass.secondary}>
                Rename
              </button>
              <span className="text-xs text-slate-500">
                {tag.tenantCount} {tag.tenantCount === 1 ? "tenant" : "tenants"}
              </span>
            </Form>
            <Form method="post" className="ml-auto">
              <input type="hidden" name="tag" value={tag.id} />
              <button type="submit" name="intent" value="tag-delete" className={buttonClass.link} aria-label={`Delete tag ${tag.name}`}>
                Delete
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="mt-3 flex flex-wrap items-center gap-2">
        <input name="name" aria-label="New tag" placeholder="New tag" maxLength={60} required className={inputClass} />
        <button type="submit" name="intent" value="tag-create" className={buttonClass.secondary}>
          Create tag
        </button>
      </Form>
    </Card>
  );
}
