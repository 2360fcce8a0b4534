export type TimeFormatter = (date: Date) => string;

// A fixed locale and time zone render the same text on the server and in the browser, so
// hydration never disagrees; an app that knows the viewer's zone passes its own formatter.
const utcFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export const formatUtc: TimeFormatter = (date) => `${utcFormat.format(date)} UTC`;

export function TimeStamp({ value, format = formatUtc }: { value: Date | string; format?: TimeFormatter | undefined }) {
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} className="tabular-nums">
      {format(date)}
    </time>
  );
}
