import { STATUS_CODES } from "node:http";

/**
 * The fetch `ops` calls the API with, saying in one line what went wrong when the address does
 * not answer as the API: nothing listening (tRPC would print only "fetch failed"), or a proxy's
 * error page or another app (tRPC would print a JSON parse error). The message becomes the
 * client error's, which the CLI prints as `error: …`.
 */
export function apiAnswerFetch(baseUrl: string, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      throw new Error(`cannot reach ${baseUrl} (${unreachableWords(error)}). Is the admin app running there?`, { cause: error });
    }
    if (!(await isApiAnswer(response))) {
      const status = `${response.status} ${response.statusText || STATUS_CODES[response.status] || ""}`.trimEnd();
      const advice = response.status >= 500 ? "try again shortly, or check --url" : "check --url";
      throw new Error(`${baseUrl} answered ${status}, not as the TenantPilot API: ${advice}.`);
    }
    return response;
  };
}

/** tRPC answers JSON: `{ result }` or `{ error }`, or an array of them for a batch. */
async function isApiAnswer(response: Response): Promise<boolean> {
  if (!/^application\/json\b/i.test(response.headers.get("content-type") ?? "")) return false;
  try {
    const body: unknown = await response.clone().json();
    const answers = Array.isArray(body) ? body : [body];
    return answers.length > 0 && answers.every((answer) => typeof answer === "object" && answer !== null && ("result" in answer || "error" in answer));
  } catch {
    return false;
  }
}

function unreachableWords(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "no such host";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "the connection was closed";
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "timed out";
    default:
      return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
  }
}
