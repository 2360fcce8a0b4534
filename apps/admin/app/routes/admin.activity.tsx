import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { auditActions, describe, routes } from "@tenantpilot/dispatch-gate/contract";
import { activityListInput, activitySearch } from "../activity/activity-search";
import { ActivityTable } from "../activity/activity-table";
import { activityWorkspace } from "../activity/activity-workspace.server";
import { load } from "../api/api-call.server";
import { FilterChips } from "../lists/filter-chips";
import { FilterDate } from "../lists/filter-date";
import { FilterForm, FilterSelect, TenantFilter } from "../lists/filter-form";
import { ListCard } from "../lists/list-card";
import { Pager } from "../lists/pager";
import { tenantChoices } from "../lists/tenant-choices.server";
import { EmptyState, PageHeader, buttonClass } from "../shell/page";

export const meta: MetaFunction = () => [{ title: "Activity · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = activitySearch.parse(new URL(request.url).searchParams);
  const { workspace, choices } = activityWorkspace(context.viewer, search.workspace);
  const [page, members, tenants] = await Promise.all([
    load(request, context.api.activity.list(activityListInput(search, workspace.slug))),
    load(request, context.api.workspaces.members({ workspace: workspace.slug })),
    tenantChoices(request, context.api, { workspace: workspace.slug, named: search.tenant, archived: true, find: search.find }),
  ]);
  return { search, workspace, choices, page, members, tenants: tenants.tenants.map(({ slug, displayName }) => ({ slug, displayName })), moreTenants: tenants.more };
}

/** Who did what across the workspace: every tenant the viewer sees and the workspace's own settings. */
export default function WorkspaceActivity() {
  const { search, workspace, choices, page, members, tenants, moreTenants } = useLoaderData<typeof loader>();
  // The export names its workspace: it has no session default to fall back on.
  const exportHref = routes.activityCsv(activitySearch.next(search, { workspace: workspace.slug, find: undefined }));
  return (
    <>
      <PageHeader
        title="Activity"
        description={`Who did what in ${workspace.name}, newest first: starts (accepted and blocked), cancellations, connection changes, onboarding and settings, each with what it was about.`}
      />
      {choices.length > 1 ? (
        <div className="mb-4">
          <FilterChips
            label="Workspace"
            chips={choices.map((choice) => ({ value: choice.slug, label: choice.name, href: routes.activity({ workspace: choice.slug }), current: choice.slug === workspace.slug }))}
          />
        </div>
      ) : null}
      <FilterForm clearHref={routes.activity(search.workspace ? { workspace: search.workspace } : {})}>
        {search.workspace ? <input type="hidden" name="workspace" value={search.workspace} /> : null}
        <TenantFilter tenants={tenants} value={search.tenant} more={moreTenants} find={search.find} />
        <FilterSelect
          label="Actor"
          name="actor"
          value={search.actor}
          anyLabel="Anyone"
          options={[
            ...members.map((member) => ({ value: member.userId, label: `${member.displayName} (${member.role})` })),
            { value: "system", label: "System (schedules, housekeeping)" },
          ]}
        />
        <FilterSelect
          label="Action"
          name="action"
          value={search.action}
          anyLabel="Any action"
          options={auditActions.map((action) => ({ value: action, label: describe({ auditAction: action }) }))}
        />
        <FilterDate label="From" name="from" value={search.from} hint="first day, inclusive" />
        <FilterDate label="To" name="to" value={search.to} hint="last day, inclusive" />
      </FilterForm>

      <ListCard
        title="Entries"
        actions={
          <a href={exportHref} className={buttonClass.secondary}>
            Export CSV
          </a>
        }
      >
        {page.items.length === 0 ? (
          <EmptyState title={activitySearch.filtered({ ...search, workspace: undefined }) ? "No activity matches these filters" : "No activity yet"} />
        ) : (
          <ActivityTable entries={page.items} />
        )}
        <Pager
          firstPage={activitySearch.paged(search) ? routes.activity(activitySearch.next(search)) : undefined}
          nextPage={page.nextCursor ? routes.activity(activitySearch.next(search, { cursor: page.nextCursor })) : undefined}
          firstLabel="← Newest entries"
          nextLabel="Older entries →"
        />
      </ListCard>
    </>
  );
}
