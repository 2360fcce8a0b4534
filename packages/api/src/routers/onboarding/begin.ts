import { z } from "zod";
import { Uuid } from "@tenantpilot/dispatch-gate/contract";
import { workspaceProcedure } from "../../authorization";
import { beginOnboarding } from "../../services/onboarding/begin";
import { draftView } from "../../services/onboarding/draft-view";
import { DisplayName } from "../connections/connection-input";
import { refusalError } from "./step-refusal";

const Slug = z
  .string()
  .trim()
  .toLowerCase()
  // tenants_slug_format_check
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "use 1–63 letters, digits and inner hyphens");

/**
 * The wizard's first save: the tenant's details make the draft (opening the wizard writes
 * nothing). A short name of this workspace's tenant that was never active is onboarded again; one
 * being onboarded already answers with its draft to resume (BAD_REQUEST on `tenant.slug`).
 */
export const begin = workspaceProcedure("onboarding.manage")
  .input(z.object({ tenant: z.object({ displayName: DisplayName, slug: Slug, microsoftTenantId: Uuid }) }))
  .mutation(async ({ ctx, input }) => {
    const outcome = await ctx.db.$transaction((tx) => beginOnboarding(tx, ctx.actor, ctx.workspace.workspace.id, input.tenant));
    if (!outcome.ok) throw refusalError(outcome);
    return draftView(ctx.db, outcome.draftId, ctx);
  });
