import { TimeStamp } from "@tenantpilot/ui";
import type { RunDetail } from "./run-outcome";

// Events of one run are seconds apart: the timeline shows seconds, in UTC like every other time.
const withSeconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const formatWithSeconds = (date: Date) => `${withSeconds.format(date)} UTC`;

export function RunTimeline({ events }: { events: RunDetail["timeline"] }) {
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5">
      {events.map((event, index) => (
        <li key={`${event.event}-${index}`} className="relative">
          <span aria-hidden="true" className="absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full border-2 border-white bg-slate-400 ring-1 ring-slate-300" />
          <p className="text-sm font-medium text-slate-900">{event.label}</p>
          <p className="text-xs text-slate-500">
            <TimeStamp value={event.at} format={formatWithSeconds} />
          </p>
        </li>
      ))}
    </ol>
  );
}
