import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { routes, type PageSearch } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { attempt } from "../api/api-call.server";
import { BackupStatusPill } from "../backups/backup-status";
import { DataTable, linkColumn, type Column } from "../lists/data-table";
import { listSearch, pageCursor } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import type { ApiOutputs } from "../live/trpc";
import { OperationPage } from "../operations/operation-page";
import { Card, EmptyState, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

const backupsSearch = listSearch<PageSearch>({ cursor: pageCursor() }, { pages: ["cursor"] });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const search = backupsSearch.parse(new URL(request.url).searchParams);
  const read = await attempt(request, context.api.backupSets.list({ tenant, limit: 25, ...(search.cursor ? { cursor: search.cursor } : {}) }));
  const [page] = pagesOrFirstPage([read], { paged: backupsSearch.paged(search), firstPage: routes.tenantBackups(tenant) });
  return { search, page };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

type BackupSetRow = ApiOutputs["backupSets"]["list"]["items"][number];

function backupSetColumns(tenantSlug: string): Column<BackupSetRow>[] {
  return [
    linkColumn({ key: "name", header: "Name", href: (set) => routes.backupSet(tenantSlug, set.id), label: (set) => set.name }),
    { key: "status", header: "Status", cell: (set) => <BackupStatusPill status={set.status} /> },
    { key: "policies", header: "Policies", align: "end", className: "tabular-nums", cell: (set) => set.itemCount },
    { key: "captured", header: "Captured", className: "whitespace-nowrap text-slate-600", cell: (set) => <TimeStamp value={set.completedAt ?? set.createdAt} /> },
    {
      key: "run",
      header: "Run",
      hiddenHeader: true,
      align: "end",
      cell: (set) =>
        set.capturedByRunId ? (
          <Link to={routes.run(set.capturedByRunId)} className={buttonClass.link}>
            Capture run
          </Link>
        ) : null,
    },
  ];
}

export default function Backups() {
  const { search, page } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();

  return (
    <OperationPage operation="backup.capture">
      <Card title="Backup sets" description="Pick a complete set to see its policies and restore it.">
        {page.items.length === 0 ? (
          <EmptyState title="No backup sets yet">Capture a backup to keep the current content of every Intune policy.</EmptyState>
        ) : (
          <>
            <DataTable
              caption={`Backup sets of ${tenant.displayName}`}
              columns={backupSetColumns(tenant.slug)}
              rows={page.items}
              rowKey={(set) => set.id}
              rowData={(set) => ({ "data-backup-set": set.id })}
            />
            <Pager
              firstPage={backupsSearch.paged(search) ? routes.tenantBackups(tenant.slug) : undefined}
              nextPage={page.nextCursor ? routes.tenantBackups(tenant.slug, backupsSearch.next(search, { cursor: page.nextCursor })) : undefined}
              firstLabel="← Newest sets"
              nextLabel="Older sets →"
            />
          </>
        )}
      </Card>
    </OperationPage>
  );
}
