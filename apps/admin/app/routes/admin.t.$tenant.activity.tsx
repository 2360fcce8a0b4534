import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { describe, isOperationId, operationCatalog, ReasonCodeSchema } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { loadIfAllowed } from "../api/api-call.server";
import { Card, EmptyState, Pill, buttonClass } from "../shell/page";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const blockedOnly = url.searchParams.get("show") === "blocked";
  const cursor = url.searchParams.get("cursor") ?? undefined;
  const page = await loadIfAllowed(
    request,
    context.api.audit.list({ tenant: params.tenant ?? "", blockedOnly, limit: 50, ...(cursor ? { cursor } : {}) }),
  );
  return { page, blockedOnly };
}

/** The audit trail, including starts the gate blocked: they created no run, so this is where they show. */
export default function Activity() {
  const { page, blockedOnly } = useLoaderData<typeof loader>();
  const params = useParams();
  if (page === null) {
    return <EmptyState title="Activity needs the audit capability">Your role does not read this tenant&apos;s audit log.</EmptyState>;
  }
  return (
    <Card
      title={blockedOnly ? "Blocked starts" : "Activity"}
      description="Who did what on this tenant. Blocked starts created no run; they are recorded here."
      actions={
        <nav aria-label="Filter" className="flex gap-1 text-sm">
          <Link to="?" className={`rounded-md px-2.5 py-1 ${blockedOnly ? "text-slate-600 hover:bg-slate-100" : "bg-slate-900 text-white"}`}>
            All
          </Link>
          <Link to="?show=blocked" className={`rounded-md px-2.5 py-1 ${blockedOnly ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}>
            Blocked starts
          </Link>
        </nav>
      }
    >
      {page.items.length === 0 ? (
        <EmptyState title={blockedOnly ? "No blocked starts" : "No activity yet"} />
      ) : (
        <ul className="divide-y divide-slate-100">
          {page.items.map((entry) => {
            const reason = ReasonCodeSchema.safeParse(entry.reasonCode);
            const details = entry.details as { message?: unknown } | null;
            // The sentence recorded at the time (it may name specifics), else the reason's words now.
            const sentence =
              typeof details?.message === "string"
                ? details.message
                : reason.success
                  ? describe({ reason: reason.data, context: { tenantSlug: params.tenant ?? "" } }).message
                  : null;
            const operation = entry.operation && isOperationId(entry.operation) ? operationCatalog[entry.operation].label : null;
            return (
              <li key={entry.id} className="flex flex-col gap-1 py-3 text-sm sm:flex-row sm:items-start sm:gap-6" data-audit-action={entry.action}>
                <span className="w-44 shrink-0 text-xs text-slate-500">
                  <TimeStamp value={entry.createdAt} />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-slate-900">
                    {entry.action === "operation.blocked" ? <Pill tone="rose">{describe({ outcome: "blocked" })}</Pill> : null}{" "}
                    <span className="font-medium">{describe({ auditAction: entry.action })}</span>
                    {operation ? <span className="text-slate-700"> · {operation}</span> : null}
                  </p>
                  {sentence ? <p className="mt-0.5 text-slate-600">{sentence}</p> : null}
                  <p className="mt-0.5 text-xs text-slate-500">
                    {entry.actorUser ? entry.actorUser.displayName : entry.actorKind === "system" ? "Schedule (system)" : "API token"}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {page.nextCursor ? (
        <div className="mt-4 text-right text-sm">
          <Link to={`?${blockedOnly ? "show=blocked&" : ""}cursor=${encodeURIComponent(page.nextCursor)}`} className={buttonClass.link}>
            Older entries →
          </Link>
        </div>
      ) : null}
    </Card>
  );
}
