import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { batchData, retryBatchFromForm } from "../bulk/batch-page.server";
import { BatchProgress } from "../bulk/batch-progress";
import { BatchRows } from "../bulk/batch-rows";
import { batchSearch } from "../bulk/batch-search";
import { useFollowedBatch } from "../bulk/use-followed-batch";
import { ListCard } from "../lists/list-card";
import { Pager } from "../lists/pager";
import { Card, EmptyState, PageHeader, buttonClass } from "../shell/page";
import { HomeNotice } from "../tenants/home-notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.batch.title ?? "Batch"} · TenantPilot Gate` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return batchData(request, context, params.batch ?? "");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return retryBatchFromForm(request, context, params.batch ?? "");
}

export default function BatchPage() {
  const { search, detail, retryKey } = useLoaderData<typeof loader>();
  const { batch, items, nextCursor } = detail;
  const retry = useActionData<typeof action>();
  // The rollup and the rows as pushed (one snapshot each time), the loader's until the first push.
  const { counts, status, rows } = useFollowedBatch(batch, items, search.show === "failed");
  const retryable = counts.byOutcome.blocked + counts.byOutcome.scope_busy + counts.byRunStatus.failed + counts.byRunStatus.cancelled + counts.byRunStatus.partially_succeeded;
  const chip = (value: "blocked" | "failed" | undefined, label: string) => ({
    value: value ?? "",
    label,
    href: routes.batch(batch.id, batchSearch.next(search, { show: value })),
    current: search.show === value,
  });

  return (
    <>
      <PageHeader
        title={batch.title}
        crumbs={[{ label: "Operations", to: routes.operations() }, { label: "Batches", to: routes.batches() }, { label: batch.title }]}
        description={
          <>
            Started by {batch.initiator.name ?? (batch.scheduleId ? "a schedule" : "the system")} · <TimeStamp value={batch.createdAt} />
          </>
        }
        actions={
          retryable > 0 ? (
            <Form method="post">
              <input type="hidden" name="idempotencyKey" value={retryKey} />
              <button type="submit" className={buttonClass.primary}>
                Retry what can run now
              </button>
            </Form>
          ) : null
        }
      />
      {retry ? <HomeNotice ok={false} message={retry.problem} /> : null}
      <Card className="mb-6">
        <BatchProgress counts={counts} status={status} />
      </Card>
      <ListCard
        title="Tenants"
        chips={{ label: "Show", chips: [chip(undefined, "All"), chip("blocked", "Only blocked"), chip("failed", "Only failed")] }}
      >
        {rows.length === 0 ? (
          <EmptyState title={batchSearch.filtered(search) ? "No tenants match this filter" : "No tenants"} />
        ) : (
          <BatchRows rows={rows} />
        )}
        <Pager
          firstPage={batchSearch.paged(search) ? routes.batch(batch.id, batchSearch.next(search)) : undefined}
          nextPage={nextCursor ? routes.batch(batch.id, batchSearch.next(search, { cursor: nextCursor })) : undefined}
        />
      </ListCard>
    </>
  );
}
