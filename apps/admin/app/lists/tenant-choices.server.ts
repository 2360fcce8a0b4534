// The tenants a picker offers (the runs list's and the activity's tenant filter, the add-connection
// form): the first 200 by name — or, with a text to find, the first 200 matching it — and the tenant
// the URL names even when it is past them. At MSP scale a picker of the first 200 alone shows "All
// tenants" over one tenant's rows (a tenant page's "All runs of …"), the next filter change silently
// widens the list to every tenant, and tenant 201 and after cannot be picked at all.
import { searchTextMax } from "@tenantpilot/dispatch-gate/contract";
import type { ApiCaller } from "../load-context";
import { load } from "../api/api-call.server";

export const TENANT_CHOICES = 200;

type TenantRow = Awaited<ReturnType<ApiCaller["tenants"]["list"]>>["items"][number];

export interface TenantChoices {
  tenants: TenantRow[];
  /** More tenants match than the picker shows: it says so, and offers to find them. */
  more: boolean;
}

export async function tenantChoices(
  request: Request,
  api: ApiCaller,
  options: {
    workspace?: string | undefined;
    named?: string | null | undefined;
    /** archived: the named tenant may be an archived one (its runs and activity stay listed). */
    archived?: boolean;
    /** Name, short name, domain or Microsoft tenant ID, as the tenants list searches them. */
    find?: string | undefined;
  },
): Promise<TenantChoices> {
  const workspace = options.workspace === undefined ? {} : { workspace: options.workspace };
  const named = options.named ?? null;
  const find = options.find?.trim().slice(0, searchTextMax) ?? "";
  const [first, found] = await Promise.all([
    load(request, api.tenants.list({ ...workspace, ...(find === "" ? {} : { filter: { search: find } }), limit: TENANT_CHOICES, readiness: [] })),
    // A name the API refuses (too long, control characters) only means nothing is added; the list it
    // filters answers for itself.
    named === null
      ? null
      : api.tenants
          .list({ ...workspace, filter: { search: named.slice(0, 100), status: options.archived === true ? "all" : "current" }, limit: TENANT_CHOICES, readiness: [] })
          .catch(() => null),
  ]);
  const more = first.nextCursor !== null;
  if (first.items.some((tenant) => tenant.slug === named)) return { tenants: first.items, more };
  // Past the first 200: offered first, where the picker opens.
  return { tenants: [...(found?.items.filter((tenant) => tenant.slug === named) ?? []), ...first.items], more };
}
