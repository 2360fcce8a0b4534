import { z } from "zod";
import { normalizeWebhookUrl, webhookUrlProblem } from "@tenantpilot/dispatch-gate/contract";

/** A webhook URL as an owner enters it: the contract's rule (http(s), no credentials, no fragment), normalised. */
export const WebhookUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(normalizeWebhookUrl);
