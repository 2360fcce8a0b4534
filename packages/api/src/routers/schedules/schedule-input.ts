import { z } from "zod";
import { BulkOperation, ScheduleTiming, TenantSelection } from "@tenantpilot/dispatch-gate/contract";

/** What a schedule starts, on which tenants, and when (wall-clock in the workspace's time zone). */
export const ScheduleSpecInput = z.intersection(
  BulkOperation,
  ScheduleTiming.extend({ selection: TenantSelection }).superRefine((value, ctx) => {
    if ((value.cadence === "weekly") !== (value.weekday !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["weekday"], message: "a weekly schedule names its weekday (0 = Sunday); a daily one none" });
    }
  }),
);
