import type { z } from "zod";
import type { GraphList } from "../client/graph-client";
import { ProviderError } from "../errors/provider-error";

/** Validates what Graph sent; a mismatch is our bug or an API change, never the operator's. */
export function parseGraph<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new ProviderError({
    reason: "internal_error",
    message: `Microsoft Graph returned an unexpected ${what}${where}.`,
    transient: false,
  });
}

export function parseList<T>(schema: z.ZodType<T>, list: GraphList, what: string): GraphList<T> {
  return { ...list, items: list.items.map((item) => parseGraph(schema, item, what)) };
}
