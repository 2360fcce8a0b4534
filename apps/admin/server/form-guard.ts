import type { Request } from "express";
import { contentEncodingProblem, findTextProblem } from "@tenantpilot/api";

/** HTML form posts are small: a form of this app never comes near this. */
export const MAX_FORM_BYTES = 64 * 1024;
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export type Refusal = { status: 400 | 403 | 411 | 413 | 415; title: string; message: string };

/**
 * What the page routes refuse before Remix sees a request, so that bad input is always a clear
 * 4xx naming the field and never reaches a loader, an action or the database:
 * - the URL: malformed percent-encoding, control characters or absurd lengths in a path segment
 *   or a query parameter (400);
 * - the body of a form post: compressed (415, the API's rule: contentEncodingProblem), over MAX_FORM_BYTES
 *   (413; a body without a length is 411), not a form (415), or a field with control characters (400).
 */
export function urlRefusal(req: Request): Refusal | null {
  const at = req.originalUrl.indexOf("?");
  const path = at < 0 ? req.originalUrl : req.originalUrl.slice(0, at);
  const query = at < 0 ? "" : req.originalUrl.slice(at + 1);
  let segments: string[];
  try {
    segments = path.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return { status: 400, title: "Bad request", message: "The address is not valid (malformed percent-encoding)." };
  }
  const pathProblem = findTextProblem(segments);
  if (pathProblem) return { status: 400, title: "Bad request", message: `A part of the address ${pathProblem.message}.` };
  // URLSearchParams keeps a malformed escape ("%ZZ") as text, so a bad value would be searched for.
  try {
    for (const part of query.split("&")) decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return { status: 400, title: "Bad request", message: "The query string is not valid (malformed percent-encoding)." };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
    params.forEach(() => undefined);
  } catch {
    return { status: 400, title: "Bad request", message: "The query string is not valid." };
  }
  for (const [name, value] of params) {
    const problem = findTextProblem({ [name]: value });
    if (problem) return { status: 400, title: "Bad request", message: `${problem.field}: ${problem.message}.` };
  }
  return null;
}

export async function readFormBody(req: Request): Promise<{ body: Buffer } | { refusal: Refusal }> {
  const encoding = contentEncodingProblem(req.get("content-encoding"));
  if (encoding !== null) return { refusal: { status: 415, title: "Unsupported encoding", message: encoding } };
  const type = (req.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const declared = req.get("content-length");
  const chunked = req.get("transfer-encoding") !== undefined;
  if (declared === undefined && chunked) {
    return { refusal: { status: 411, title: "Length required", message: "A form post must say how long it is." } };
  }
  const length = Number(declared ?? "0");
  if (!Number.isFinite(length) || length > MAX_FORM_BYTES) {
    return { refusal: { status: 413, title: "Too large", message: `A form post may carry at most ${MAX_FORM_BYTES / 1024} kB.` } };
  }
  if (length > 0 && !FORM_TYPES.includes(type)) {
    return { refusal: { status: 415, title: "Unsupported form", message: "Pages accept form posts only." } };
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > MAX_FORM_BYTES) {
      return { refusal: { status: 413, title: "Too large", message: `A form post may carry at most ${MAX_FORM_BYTES / 1024} kB.` } };
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const fields: Record<string, string[]> = {};
  if (type === "application/x-www-form-urlencoded") {
    for (const [name, value] of new URLSearchParams(body.toString("utf8"))) (fields[name] ??= []).push(value);
  } else if (type === "multipart/form-data") {
    let parsed: FormData;
    try {
      parsed = await new Response(new Uint8Array(body), { headers: { "content-type": req.get("content-type") ?? "" } }).formData();
    } catch {
      return { refusal: { status: 400, title: "Bad request", message: "The form could not be read." } };
    }
    for (const [name, value] of parsed) (fields[name] ??= []).push(typeof value === "string" ? value : value.name);
  }
  const problem = findTextProblem(fields);
  if (problem) {
    const field = problem.field.replace(/\.\d+$/, "");
    return { refusal: { status: 400, title: "Bad request", message: `The field "${field}" ${problem.message}.` } };
  }
  return { body };
}
