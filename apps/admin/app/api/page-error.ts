/** What a thrown 404/403 carries to the error boundary. */
export interface PageErrorData {
  kind: "not_found" | "forbidden";
  message: string;
}

/** Input the API refused, for the form that sent it. `fieldErrors` is keyed by the API's input path. */
export interface FormProblem {
  message: string;
  fieldErrors: Record<string, string[]>;
}

export function isPageErrorData(value: unknown): value is PageErrorData {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === "not_found" || kind === "forbidden";
}
