import type { Capability } from "@tenantpilot/dispatch-gate/contract";
import { forbidden } from "../errors";

/** FORBIDDEN unless the caller's role grants `capability`; runs after the resource was resolved (never before a 404). */
export function requireCapability(access: { capabilities: readonly Capability[] }, capability: Capability): void {
  if (!access.capabilities.includes(capability)) throw forbidden(capability);
}
