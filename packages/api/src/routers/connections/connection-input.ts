import { z } from "zod";
import { Uuid } from "@tenantpilot/dispatch-gate/contract";

export const DisplayName = z.string().trim().min(1).max(200);
/** The Entra application (client) id. */
export const ClientId = Uuid;
/** Accepted in plain text over TLS, sealed before it is stored, never returned. */
export const ClientSecret = z.string().min(1).max(1024);
export const SecretExpiry = z.date().refine((date) => date.getTime() > Date.now(), "must be in the future");
