import type { StartInput } from "@tenantpilot/dispatch-gate";
import type { Actor } from "./authed";

/** The gate's initiator for an authenticated caller: runs belong to the user, audit names the token. */
export function initiatorOf(actor: Actor): StartInput["initiator"] {
  return actor.kind === "token"
    ? { kind: "user", userId: actor.userId, tokenId: actor.tokenId }
    : { kind: "user", userId: actor.userId };
}
