// Navigation properties Graph accepts inline in a request body ("deep insert"), by entity type and
// method. Graph's documentation and samples state these; the CSDL does not. Everything else
// reachable by navigation is written through its own endpoint. One place: restore bodies carry
// exactly these, and the sandbox refuses any other navigation property in a body.
export type WriteMethod = "POST" | "PATCH" | "PUT";

const inlineWrites: Readonly<Record<string, Partial<Record<WriteMethod, readonly string[]>>>> = {
  // A compliance policy is created with its scheduled actions (the block action is required);
  // PATCH does not take them — they change through the scheduleActionsForRules action.
  deviceCompliancePolicy: { POST: ["scheduledActionsForRule", "scheduledActionsForRule/scheduledActionConfigurations"] },
  // A settings catalog policy is created and replaced (PUT) together with its settings.
  deviceManagementConfigurationPolicy: { POST: ["settings"], PUT: ["settings"] },
};

/** Inline navigation paths (`a`, `a/b`) a write of `typeName` (or a subtype, via `lineage`) may carry. */
export function inlineNavigation(lineage: readonly string[], method: WriteMethod): readonly string[] {
  return lineage.flatMap((type) => inlineWrites[type]?.[method] ?? []);
}
