import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { reportKindIds, reportKinds } from "@tenantpilot/dispatch-gate/contract";
import { load, loadIfAllowed } from "../api/api-call.server";
import { OperationCard } from "../operations/operation-card";
import { RunTable } from "../runs/run-table";
import { Card, EmptyState } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const [runs, ...previews] = await Promise.all([
    load(request, context.api.operations.list({ tenant, operation: "report.generate", limit: 25 })),
    ...reportKindIds.map((kind) => loadIfAllowed(request, context.api.operations.preview({ tenant, operation: "report.generate", target: kind }))),
  ]);
  return { runs: runs.items, kinds: reportKindIds.map((kind, index) => ({ kind, preview: previews[index] ?? null })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

export default function Reports() {
  const { runs, kinds } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const canStart = tenant.capabilities.includes("operations.start");
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {kinds.map(({ kind, preview }) => (
            <OperationCard
              key={kind}
              operation="report.generate"
              title={reportKinds[kind].label}
              target={kind}
              targetLabel={`${tenant.displayName} — ${reportKinds[kind].label}`}
              buttonTargetLabel={reportKinds[kind].label}
              preview={preview}
              canStart={canStart}
            />
        ))}
      </div>
      <Card title="Generated reports" description="Each report is one run; open it for its row count and details.">
        {runs.length === 0 ? (
          <EmptyState title="No reports yet">Generate one above.</EmptyState>
        ) : (
          <RunTable runs={runs} showTenant={false} caption="Report runs" />
        )}
      </Card>
    </div>
  );
}
