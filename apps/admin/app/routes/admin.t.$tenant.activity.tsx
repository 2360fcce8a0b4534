import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { describe, describeAuditEntry, routes, type ActivitySearch } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { loadIfAllowed } from "../api/api-call.server";
import { FilterChips } from "../lists/filter-chips";
import { listSearch, oneOf, pageCursor } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { Card, EmptyState, Pill } from "../shell/page";

const activitySearch = listSearch<ActivitySearch>({ show: oneOf(["blocked"]), cursor: pageCursor() }, { pages: ["cursor"] });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const search = activitySearch.parse(new URL(request.url).searchParams);
  const page = await loadIfAllowed(
    request,
    context.api.audit.list({ tenant: params.tenant ?? "", blockedOnly: search.show === "blocked", limit: 50, ...(search.cursor ? { cursor: search.cursor } : {}) }),
  );
  return { page, search };
}

/** The audit trail, including starts the gate blocked: they created no run, so this is where they show. */
export default function Activity() {
  const { page, search } = useLoaderData<typeof loader>();
  const params = useParams();
  const slug = params.tenant ?? "";
  const blockedOnly = search.show === "blocked";
  if (page === null) {
    return <EmptyState title="Activity needs the audit capability">Your role does not read this tenant&apos;s audit log.</EmptyState>;
  }
  return (
    <Card
      title={blockedOnly ? "Blocked starts" : "Activity"}
      description="Who did what on this tenant. Blocked starts created no run; they are recorded here."
      actions={
        <FilterChips
          label="Filter"
          chips={[
            { value: "", label: "All", href: routes.tenantActivity(slug), current: !blockedOnly },
            { value: "blocked", label: "Blocked starts", href: routes.tenantActivity(slug, { show: "blocked" }), current: blockedOnly },
          ]}
        />
      }
    >
      {page.items.length === 0 ? (
        <EmptyState title={blockedOnly ? "No blocked starts" : "No activity yet"} />
      ) : (
        <ul className="divide-y divide-slate-100">
          {page.items.map((entry) => {
            const words = describeAuditEntry(entry, { tenantSlug: slug });
            return (
              <li key={entry.id} className="flex flex-col gap-1 py-3 text-sm sm:flex-row sm:items-start sm:gap-6" data-audit-action={entry.action}>
                <span className="w-44 shrink-0 text-xs text-slate-500">
                  <TimeStamp value={entry.createdAt} />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-slate-900">
                    {words.blocked ? <Pill tone="rose">{describe({ outcome: "blocked" })}</Pill> : null}{" "}
                    <span className="font-medium">{words.title}</span>
                    {words.operation ? <span className="text-slate-700"> · {words.operation}</span> : null}
                  </p>
                  {words.detail ? <p className="mt-0.5 text-slate-600">{words.detail}</p> : null}
                  <p className="mt-0.5 text-xs text-slate-500">{words.actor}</p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pager
        firstPage={activitySearch.paged(search) ? routes.tenantActivity(slug, activitySearch.next(search)) : undefined}
        nextPage={page.nextCursor ? routes.tenantActivity(slug, activitySearch.next(search, { cursor: page.nextCursor })) : undefined}
        firstLabel="← Newest entries"
        nextLabel="Older entries →"
      />
    </Card>
  );
}
