/** What a thrown 4xx/503 page carries to the error boundary. */
export interface PageErrorData {
  kind: "not_found" | "forbidden" | "bad_request" | "rate_limited" | "unavailable";
  message: string;
}

const pageErrorKinds: readonly PageErrorData["kind"][] = ["not_found", "forbidden", "bad_request", "rate_limited", "unavailable"];

/** Input the API refused, for the form that sent it. `fieldErrors` is keyed by the API's input path. */
export interface FormProblem {
  message: string;
  fieldErrors: Record<string, string[]>;
}

export function isPageErrorData(value: unknown): value is PageErrorData {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return pageErrorKinds.includes(kind as PageErrorData["kind"]);
}
