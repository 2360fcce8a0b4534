// The tenants a picker offers (the runs list's and the activity's tenant filter, the add-connection
// form): the first 200 by name, and the tenant the URL names even when it is past them. At MSP scale
// a picker of the first 200 alone shows "All tenants" over one tenant's rows (a tenant page's "All runs
// of …"), and the next filter change silently widens the list to every tenant.
import type { ApiCaller } from "../load-context";
import { load } from "../api/api-call.server";

const FIRST = 200;

type TenantRow = Awaited<ReturnType<ApiCaller["tenants"]["list"]>>["items"][number];

export async function tenantChoices(
  request: Request,
  api: ApiCaller,
  /** archived: the named tenant may be an archived one (its runs and activity stay listed). */
  options: { workspace?: string | undefined; named?: string | null | undefined; archived?: boolean },
): Promise<TenantRow[]> {
  const workspace = options.workspace === undefined ? {} : { workspace: options.workspace };
  const named = options.named ?? null;
  const [first, found] = await Promise.all([
    load(request, api.tenants.list({ ...workspace, limit: FIRST, readiness: [] })),
    // A name the API refuses (too long, control characters) only means nothing is added; the list it
    // filters answers for itself.
    named === null
      ? null
      : api.tenants
          .list({ ...workspace, filter: { search: named.slice(0, 100), status: options.archived === true ? "all" : "current" }, limit: FIRST, readiness: [] })
          .catch(() => null),
  ]);
  if (first.items.some((tenant) => tenant.slug === named)) return first.items;
  // Past the first 200: offered first, where the picker opens.
  return [...(found?.items.filter((tenant) => tenant.slug === named) ?? []), ...first.items];
}
