import { redirect, type AppLoadContext } from "@remix-run/node";
import type { OperationId, StartResult } from "@tenantpilot/dispatch-gate/contract";
import { attempt, load } from "../api/api-call.server";
import type { FormProblem } from "../api/page-error";
import { secretExpiryFrom } from "../connections/secret-expiry-input";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { formText, formTrimmed } from "../api/form-field";

export type WizardReply =
  | { kind: "problem"; intent: string; problem: FormProblem; values: Record<string, string> }
  | { kind: "started"; operation: OperationId; result: StartResult };

const text = formTrimmed;

/** One wizard form → one onboarding procedure. Secrets are passed on and never returned in `values`. */
export async function onboardingAction(request: Request, context: AppLoadContext, draftId: string, form: FormData): Promise<WizardReply> {
  const intent = text(form, "intent");
  switch (intent) {
    case "connection": {
      const values = { displayName: text(form, "displayName"), clientId: text(form, "clientId") };
      const expiry = secretExpiryFrom(form.get("secretExpiresAt"));
      if (expiry === "invalid") {
        return { kind: "problem", intent, values, problem: { message: "Please correct the highlighted fields.", fieldErrors: { "connection.secretExpiresAt": ["is not a date"] } } };
      }
      const saved = await attempt(
        request,
        context.api.onboarding.advance({
          draftId,
          step: "connection",
          connection: { ...values, clientSecret: formText(form, "clientSecret"), ...(expiry ? { secretExpiresAt: expiry } : {}) },
        }),
      );
      if (!saved.ok) return { kind: "problem", intent, problem: saved.problem, values };
      throw redirect(routes.onboardingDraft(draftId));
    }
    case "verify":
    case "first_sync": {
      const started = await attempt(request, context.api.onboarding.advance({ draftId, step: intent }));
      if (!started.ok) return { kind: "problem", intent, problem: started.problem, values: {} };
      const result = started.value.start;
      if (result === null) throw redirect(routes.onboardingDraft(draftId));
      return { kind: "started", operation: intent === "verify" ? "connection.check" : "inventory.sync", result };
    }
    case "complete": {
      const done = await attempt(request, context.api.onboarding.complete({ draftId }));
      if (!done.ok) return { kind: "problem", intent, problem: done.problem, values: {} };
      throw redirect(done.value.tenant ? routes.tenant(done.value.tenant.slug) : routes.home());
    }
    case "cancel": {
      // Discarding is asked first (DiscardDraft); a form without the answer discards nothing.
      if (form.get("confirmed") !== "yes") throw redirect(routes.onboardingDraft(draftId, { confirm: "discard" }));
      await load(request, context.api.onboarding.cancel({ draftId }));
      throw redirect(routes.onboarding());
    }
    default:
      return { kind: "problem", intent, problem: { message: "Unknown step.", fieldErrors: {} }, values: {} };
  }
}
