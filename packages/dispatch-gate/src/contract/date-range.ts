// A date range in a list's URL (monitoring, activity, their CSV exports) is two ISO days, both
// inclusive and read in UTC: one reading for the pages, the exports and the API's callers.

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-11-30": a calendar day as the URL spells it (a real date, not just the shape). */
export function isIsoDay(value: string): boolean {
  if (!isoDay.test(value)) return false;
  // Date.parse reads "2026-02-31" as 3 March: a real day is one that reads back as itself.
  const day = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** The first instant of a day (a range's `from`). */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The last instant of a day (a range's `to`: the whole day is in). */
export function dayEnd(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`);
}
