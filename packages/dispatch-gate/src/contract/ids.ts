import { z } from "zod";

/**
 * An id as PostgreSQL's uuid type and Microsoft's GUIDs write it: 8-4-4-4-12 hexadecimal digits.
 * Ids from URLs and request bodies are checked with it before they reach a query: a malformed id
 * answers "not found" like any unknown one, instead of failing in the database with a cast error.
 */
export const Uuid = z.guid({
  // The words a form shows beside a mistyped Microsoft tenant ID or application (client) ID (zod's own:
  // "Invalid GUID" here, "Invalid UUID" on the onboarding form, which had its own schema).
  error: "is not a GUID: 32 hexadecimal digits as 8-4-4-4-12, like 6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
});

declare const uuidText: unique symbol;
/** A string that passed isUuid (a brand: a string that did not stays an ordinary string). */
export type UuidText = string & { readonly [uuidText]: true };

export function isUuid(value: unknown): value is UuidText {
  return Uuid.safeParse(value).success;
}
