import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { BulkBar } from "../bulk/bulk-bar";
import { BulkPreviewCard } from "../bulk/bulk-preview-card";
import { FilterChips } from "../lists/filter-chips";
import { ListCard } from "../lists/list-card";
import { Pager } from "../lists/pager";
import { EmptyState, PageHeader, buttonClass } from "../shell/page";
import { operationChips, summaryChips, statusChips, tagChips } from "../tenants/home-chips";
import { homeAction, homeData } from "../tenants/home-page.server";
import { homeSearch } from "../tenants/home-search";
import { HomeNotice } from "../tenants/home-notice";
import { TagsSection } from "../tenants/tags-section";
import { TenantTable } from "../tenants/tenant-table";

export const meta: MetaFunction = () => [{ title: "Tenants · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return homeData(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return homeAction(request, context);
}

export default function WorkspaceHome() {
  const { search, workspace, workspaces, home } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (workspace === null || home === null) {
    return (
      <>
        <PageHeader title="Tenants" />
        <EmptyState title="No workspace yet">Ask a workspace owner to invite you.</EmptyState>
      </>
    );
  }
  const { summary, tags, rows, nextCursor, can } = home;
  const filtered = homeSearch.filtered({ ...search, workspace: undefined });
  const clear = routes.home(workspaces.length > 1 ? { workspace: workspace.slug } : {});
  const onboard = can.onboard ? (
    <Link to={routes.onboarding()} className={buttonClass.primary}>
      Onboard a tenant
    </Link>
  ) : null;

  return (
    <>
      <PageHeader
        title="Tenants"
        description={`${summary.tenants.total} ${summary.tenants.total === 1 ? "tenant" : "tenants"} in ${workspace.name}`}
        actions={onboard}
      />
      {workspaces.length > 1 ? (
        <div className="mb-4">
          <FilterChips
            label="Workspace"
            chips={workspaces.map((candidate) => ({ value: candidate.slug, label: candidate.name, href: routes.home({ workspace: candidate.slug }), current: candidate.slug === workspace.slug }))}
          />
        </div>
      ) : null}
      <div className="mb-6 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-500">Readiness for</span>
          <FilterChips label="Readiness for" chips={operationChips(search)} />
        </div>
        <FilterChips label="Needs attention" chips={summaryChips(summary, search)} />
      </div>
      {reply?.kind === "bulk_preview" ? <BulkPreviewCard preview={reply} cancelHref={routes.home(search)} /> : null}
      {reply?.kind === "bulk_problem" || reply?.kind === "notice" ? <HomeNotice ok={reply.kind === "notice" && reply.ok} message={reply.message} /> : null}
      {summary.tenants.total === 0 && !filtered ? (
        <EmptyState title="No tenants yet" action={onboard}>
          Onboarding connects a customer&apos;s Microsoft tenant, verifies the connection and runs the first inventory sync.
        </EmptyState>
      ) : (
        <ListCard
          title="Tenants"
          search={{
            label: "Search tenants",
            name: "search",
            value: search.search,
            placeholder: "Name, short name, domain or Microsoft tenant ID",
            keep: { ...homeSearch.next(search, { search: undefined }) },
            clearHref: filtered ? clear : undefined,
          }}
        >
          <div className="mb-4 space-y-2">
            <FilterChips label="Status" chips={statusChips(search)} />
            <FilterChips label="Tags" chips={tagChips(tags, search)} />
          </div>
          {can.start || can.manageTags ? <BulkBar canStart={can.start} tags={can.manageTags ? tags : null} /> : null}
          {rows.length === 0 ? (
            <EmptyState title="No tenants match these filters">Change the filters above, or clear them.</EmptyState>
          ) : (
            <TenantTable rows={rows} selectable={can.start || can.manageTags} />
          )}
          <Pager
            firstPage={homeSearch.paged(search) ? routes.home(homeSearch.next(search)) : undefined}
            nextPage={nextCursor ? routes.home(homeSearch.next(search, { cursor: nextCursor })) : undefined}
          />
        </ListCard>
      )}
      {can.manageTags ? <TagsSection tags={tags} /> : null}
    </>
  );
}
