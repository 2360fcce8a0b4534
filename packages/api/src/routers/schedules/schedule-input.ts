import { z } from "zod";
import { BulkOperation, TenantSelection } from "@tenantpilot/dispatch-gate/contract";
import { cadences } from "../../services/schedules/schedules";

/** What a schedule starts, on which tenants, and when (wall-clock in the workspace's time zone). */
export const ScheduleSpecInput = z.intersection(
  BulkOperation,
  z
    .object({
      name: z.string().trim().min(1).max(80),
      selection: TenantSelection,
      cadence: z.enum(cadences),
      weekday: z.number().int().min(0).max(6).optional(),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)"),
    })
    .superRefine((value, ctx) => {
      if ((value.cadence === "weekly") !== (value.weekday !== undefined)) {
        ctx.addIssue({ code: "custom", path: ["weekday"], message: "a weekly schedule names its weekday (0 = Sunday); a daily one none" });
      }
    }),
);
