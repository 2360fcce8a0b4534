import { z } from "zod";
import { AuditActionSchema } from "@tenantpilot/dispatch-gate/contract";
import { tenantProcedure } from "../../authorization";
import { listAuditEntries } from "../../services/audit-list";
import { pageCursor, pageInput } from "../page-input";

/** A tenant's audit trail, including starts the gate blocked (they created no run). */
export const list = tenantProcedure("audit.read")
  .input(
    z.object({
      blockedOnly: z.boolean().default(false),
      action: AuditActionSchema.optional(),
      ...pageInput,
    })
  )
  .query(({ ctx, input }) =>
    listAuditEntries(
      ctx.db,
      ctx.access.tenant.id,
      {
        blockedOnly: input.blockedOnly,
        ...(input.action === undefined ? {} : { action: input.action }),
        cursor: pageCursor(input.cursor),
        limit: input.limit,
      },
      ctx.access
    )
  );
