import { z } from "zod";
import { BulkOperation, TenantSelection } from "@tenantpilot/dispatch-gate/contract";
import { WorkspaceKey } from "../../authorization";

/** A bulk start names the workspace, the operation (and report) and the tenants, like the tenants list filters them. */
export const BulkInput = z.intersection(BulkOperation, z.object({ workspace: WorkspaceKey, selection: TenantSelection }));

/** The caller's key: resubmitting it answers the first batch (a double click, a retried request). */
export const IdempotencyKey = z.string().trim().min(1).max(200);
