import { TimeStamp } from "@tenantpilot/ui";
import { DataTable, type Column } from "../lists/data-table";
import type { ApiOutputs } from "../live/trpc";
import { Pill } from "../shell/page";

type Delivery = ApiOutputs["webhooks"]["detail"]["deliveries"]["items"][number];

const tones = { pending: "amber", delivered: "emerald", failed: "rose", cancelled: "slate" } as const;

const columns: readonly Column<Delivery>[] = [
  {
    key: "event",
    header: "Notification",
    className: "max-w-md",
    cell: (delivery) => (
      <>
        <p className="font-medium text-slate-900">{delivery.event.title ?? delivery.event.key}</p>
        <p className="text-xs text-slate-500">
          <TimeStamp value={delivery.createdAt} />
        </p>
      </>
    ),
  },
  { key: "status", header: "Status", cell: (delivery) => <Pill tone={tones[delivery.status]}>{delivery.statusWords}</Pill> },
  {
    key: "attempts",
    header: "Attempts",
    className: "tabular-nums",
    cell: (delivery) => `${delivery.attempts} of ${delivery.maxAttempts}`,
  },
  {
    key: "last",
    header: "Last answer",
    className: "max-w-xs break-words",
    cell: (delivery) =>
      delivery.lastAttemptAt === null ? (
        <span className="text-slate-500">Not tried yet</span>
      ) : (
        <>
          <span className="font-mono">{delivery.lastStatusCode ?? "—"}</span>
          {delivery.lastError ? <span className="text-slate-600"> · {delivery.lastError}</span> : null}
          <span className="block text-xs text-slate-500">
            <TimeStamp value={delivery.lastAttemptAt} />
          </span>
        </>
      ),
  },
  {
    key: "next",
    header: "Next attempt",
    cell: (delivery) => (delivery.nextAttemptAt === null ? <span className="text-slate-500">—</span> : <TimeStamp value={delivery.nextAttemptAt} />),
  },
];

/** Each notification sent to the webhook: where it stands, how many attempts, the receiver's last answer and the next try. */
export function DeliveryLog({ deliveries }: { deliveries: readonly Delivery[] }) {
  return (
    <DataTable
      caption="Webhook deliveries"
      columns={columns}
      rows={deliveries}
      rowKey={(delivery) => delivery.id}
      rowData={(delivery) => ({ "data-delivery": delivery.id, "data-status": delivery.status })}
    />
  );
}
