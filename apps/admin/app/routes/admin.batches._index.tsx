import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { describe, describeBatchCounts, routes, type PageSearch } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { attempt } from "../api/api-call.server";
import { DataTable, linkColumn } from "../lists/data-table";
import { listSearch, pageCursor } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import { Card, EmptyState, PageHeader } from "../shell/page";
import type { ApiOutputs } from "../live/trpc";

export const meta: MetaFunction = () => [{ title: "Batches · TenantPilot Gate" }];

const batchesSearch = listSearch<PageSearch>({ cursor: pageCursor() }, { pages: ["cursor"] });

/** The viewer's workspace's bulk starts, newest first (manual and scheduled). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = batchesSearch.parse(new URL(request.url).searchParams);
  const workspace = context.viewer?.workspaces[0];
  if (!workspace) return { search, page: { items: [], nextCursor: null } };
  const read = await attempt(request, context.api.batches.list({ workspace: workspace.slug, limit: 25, ...(search.cursor ? { cursor: search.cursor } : {}) }));
  const [page] = pagesOrFirstPage([read], { paged: batchesSearch.paged(search), firstPage: routes.batches() });
  return { search, page };
}

type BatchItem = ApiOutputs["batches"]["list"]["items"][number];

const columns = [
  linkColumn<BatchItem>({ key: "batch", header: "Batch", href: (batch) => batch.href, label: (batch) => batch.title }),
  { key: "status", header: "Status", cell: (batch: BatchItem) => describe({ batchStatus: batch.status }) },
  { key: "counts", header: "Rollup", cell: (batch: BatchItem) => describeBatchCounts(batch.counts), width: "w-2/5" },
  { key: "when", header: "Started", cell: (batch: BatchItem) => <TimeStamp value={batch.createdAt} /> },
];

export default function Batches() {
  const { search, page } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Batches"
        crumbs={[{ label: "Operations", to: routes.operations() }, { label: "Batches" }]}
        description="Bulk starts over many tenants, newest first: one answer per tenant, one rollup."
      />
      <Card>
        {page.items.length === 0 ? (
          <EmptyState title="No batches yet">Select tenants on the home page and start an operation on all of them.</EmptyState>
        ) : (
          <DataTable caption="Batches" columns={columns} rows={page.items} rowKey={(batch) => batch.id} />
        )}
        <Pager
          firstPage={batchesSearch.paged(search) ? routes.batches() : undefined}
          nextPage={page.nextCursor ? routes.batches({ cursor: page.nextCursor }) : undefined}
          firstLabel="← Newest batches"
          nextLabel="Older batches →"
        />
      </Card>
    </>
  );
}
