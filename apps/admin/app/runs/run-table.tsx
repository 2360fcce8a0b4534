import { Link } from "@remix-run/react";
import { RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import type { ApiOutputs } from "../live/trpc";
import { runTargetLabel } from "./run-target";

export type RunRow = ApiOutputs["operations"]["list"]["items"][number];

/** Runs as a table: what, where, status, when, how far. */
export function RunTable({ runs, showTenant = true, caption }: { runs: readonly RunRow[]; showTenant?: boolean; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-4 font-medium">Operation</th>
            {showTenant ? <th scope="col" className="py-2 pr-4 font-medium">Tenant</th> : null}
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Queued</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Items</th>
            <th scope="col" className="py-2 font-medium"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} data-run={run.id} className="align-top">
              <td className="py-3 pr-4">
                <Link to={run.href} className="font-medium text-slate-900 hover:underline">
                  {run.label}
                </Link>
                {run.target.kind === "tenant" ? null : (
                  <p className="text-xs text-slate-500">{runTargetLabel(run.target, run.tenant.displayName)}</p>
                )}
              </td>
              {showTenant ? (
                <td className="py-3 pr-4">
                  <Link to={`/admin/t/${run.tenant.slug}`} className="text-slate-700 hover:underline">
                    {run.tenant.displayName}
                  </Link>
                </td>
              ) : null}
              <td className="py-3 pr-4">
                <RunStatusBadge status={run.status} />
              </td>
              <td className="whitespace-nowrap py-3 pr-4 text-slate-600">
                <TimeStamp value={run.createdAt} />
              </td>
              <td className="whitespace-nowrap py-3 pr-4 text-right tabular-nums text-slate-600">
                {run.counts.seen}
                {run.counts.failed > 0 ? <span className="ml-1 text-rose-700">({run.counts.failed} failed)</span> : null}
              </td>
              <td className="py-3 text-right">
                <Link to={run.href} className="text-sm font-medium text-sky-700 hover:underline">
                  View<span className="sr-only"> {run.label} run</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
