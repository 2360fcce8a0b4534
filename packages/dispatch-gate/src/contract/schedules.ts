import { z } from "zod";

/** How often a schedule fires. */
export const cadences = ["daily", "weekly"] as const;
export type Cadence = (typeof cadences)[number];

/** When a schedule fires and on which tenants, beside what it starts (BulkOperation). */
export const ScheduleTiming = z.object({
  name: z.string().trim().min(1).max(80),
  cadence: z.enum(cadences),
  /** weekly: 0 = Sunday … 6 = Saturday */
  weekday: z.number().int().min(0).max(6).optional(),
  /** "HH:MM" in the workspace's time zone */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)"),
});

/** Weekday names by ScheduleTiming's number (0 = Sunday). */
export const weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** When a schedule fires, in words: "every Friday at 22:00", "every day at 02:00". */
export function scheduleWhen(timing: { cadence: Cadence; weekday?: number | null | undefined; time: string }): string {
  const day = timing.weekday === null || timing.weekday === undefined ? undefined : weekdayNames[timing.weekday];
  return `${timing.cadence === "weekly" && day !== undefined ? `every ${day}` : "every day"} at ${timing.time}`;
}
