import type { AppLoadContext } from "@remix-run/node";
import { attempt } from "../api/api-call.server";

// Tag changes from forms: the home's bulk bar (selected rows), its tags section (rename, delete) and
// a tenant page (add, create and add, remove). Each answers a notice or the API's problem.

export const tagIntents = ["tag-add", "tag-remove", "tag-create", "tag-put", "tag-rename", "tag-delete"] as const;
export type TagIntent = (typeof tagIntents)[number];

export function isTagIntent(value: unknown): value is TagIntent {
  return (tagIntents as readonly unknown[]).includes(value);
}

/** A form's answer shown as one line above the list: done, or the API's problem. */
export interface NoticeReply {
  kind: "notice";
  ok: boolean;
  message: string;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** Tenants a form names (checked rows' ids, or the tenant page's own slug). */
const tenantsOf = (form: FormData) => form.getAll("tenant").filter((value): value is string => typeof value === "string" && value !== "");

export async function tagAction(request: Request, context: AppLoadContext, workspace: string, intent: TagIntent, form: FormData): Promise<NoticeReply> {
  const api = context.api.tags;
  const tagId = text(form, "tag");
  const reply = async (call: Promise<unknown>, done: string): Promise<NoticeReply> => {
    const result = await attempt(request, call);
    return result.ok ? { kind: "notice", ok: true, message: done } : { kind: "notice", ok: false, message: result.problem.message };
  };
  switch (intent) {
    case "tag-add":
    case "tag-remove": {
      const tenants = tenantsOf(form);
      if (tenants.length === 0) return { kind: "notice", ok: false, message: "Select tenants first." };
      if (tagId === "") return { kind: "notice", ok: false, message: "Choose a tag." };
      const count = `${tenants.length} ${tenants.length === 1 ? "tenant" : "tenants"}`;
      return intent === "tag-add"
        ? reply(api.addTenants({ tagId, tenants }), `Tag added to ${count}.`)
        : reply(api.removeTenants({ tagId, tenants }), `Tag removed from ${count}.`);
    }
    case "tag-create": {
      const created = await attempt(request, api.create({ workspace, name: text(form, "name") }));
      if (!created.ok) return { kind: "notice", ok: false, message: created.problem.message };
      // Created from a tenant page: the new tag goes on that tenant at once.
      const tenants = tenantsOf(form);
      if (tenants.length === 0) return { kind: "notice", ok: true, message: `Tag “${created.value.name}” created.` };
      return reply(api.addTenants({ tagId: created.value.id, tenants }), `Tag “${created.value.name}” created and added.`);
    }
    case "tag-put": {
      // A tag by name on the named tenants: the existing tag of that name, or a new one.
      const name = text(form, "name");
      const tags = await attempt(request, api.list({ workspace }));
      if (!tags.ok) return { kind: "notice", ok: false, message: tags.problem.message };
      const existing = tags.value.find((tag) => tag.name.toLowerCase() === name.toLowerCase());
      if (existing === undefined) return tagAction(request, context, workspace, "tag-create", form);
      const tenants = tenantsOf(form);
      return reply(api.addTenants({ tagId: existing.id, tenants }), `Tag “${existing.name}” added.`);
    }
    case "tag-rename":
      return reply(api.rename({ tagId, name: text(form, "name") }), "Tag renamed.");
    case "tag-delete":
      return reply(api.delete({ tagId }), "Tag deleted.");
  }
}
