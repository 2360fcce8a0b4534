import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { batchData, retryBatchFromForm } from "../bulk/batch-page.server";
import { BatchProgress, useBatchPolling } from "../bulk/batch-progress";
import { BatchRows } from "../bulk/batch-rows";
import { batchSearch } from "../bulk/batch-search";
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
  useBatchPolling(batch.status);
  const retryable = batch.counts.byOutcome.blocked + batch.counts.byOutcome.scope_busy + batch.counts.byRunStatus.failed + batch.counts.byRunStatus.cancelled + batch.counts.byRunStatus.partially_succeeded;
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
        <BatchProgress counts={batch.counts} status={batch.status} />
      </Card>
      <ListCard
        title="Tenants"
        chips={{ label: "Show", chips: [chip(undefined, "All"), chip("blocked", "Only blocked"), chip("failed", "Only failed")] }}
      >
        {items.length === 0 ? (
          <EmptyState title={batchSearch.filtered(search) ? "No tenants match this filter" : "No tenants"} />
        ) : (
          <BatchRows rows={items} />
        )}
        <Pager
          firstPage={batchSearch.paged(search) ? routes.batch(batch.id, batchSearch.next(search)) : undefined}
          nextPage={nextCursor ? routes.batch(batch.id, batchSearch.next(search, { cursor: nextCursor })) : undefined}
        />
      </ListCard>
    </>
  );
}
