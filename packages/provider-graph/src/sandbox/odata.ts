// The slice of OData that the sandbox's Graph speaks: error bodies, $select, a simple $filter,
// $top and opaque $skiptoken paging with @odata.nextLink.
import { HttpResponse, type JsonBodyType } from "msw";
import type { GraphEntity } from "./data/intune-policies";

export interface RequestIds {
  requestId: string;
  clientRequestId: string | null;
}

export function graphHeaders(ids: RequestIds): Record<string, string> {
  return {
    "request-id": ids.requestId,
    ...(ids.clientRequestId === null ? {} : { "client-request-id": ids.clientRequestId }),
    "x-ms-ags-diagnostic": JSON.stringify({ ServerInfo: { DataCenter: "West Europe", Slice: "E", Ring: "5", ScaleUnit: "003", RoleInstance: "AM2PEPF0001" } }),
    "Cache-Control": "no-cache",
  };
}

export function graphError(
  status: number,
  code: string,
  message: string,
  ids: RequestIds,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(
    {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ""), "request-id": ids.requestId, "client-request-id": ids.clientRequestId ?? ids.requestId },
      },
    },
    { status, headers: { ...graphHeaders(ids), ...headers } },
  );
}

export function graphJson(body: JsonBodyType, ids: RequestIds, status = 200): Response {
  return HttpResponse.json(body, {
    status,
    headers: { ...graphHeaders(ids), "Content-Type": "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8" },
  });
}

/** Keeps `id`, `@odata.type` and the selected properties. */
export function project(entity: GraphEntity, select: readonly string[] | undefined): Record<string, unknown> {
  if (!select || select.length === 0) return { ...entity };
  const projected: Record<string, unknown> = { id: entity.id };
  if (entity["@odata.type"] !== undefined) projected["@odata.type"] = entity["@odata.type"];
  for (const field of select) if (field in entity) projected[field] = entity[field];
  return projected;
}

function parseFilter(filter: string): ((entity: GraphEntity) => boolean) | undefined {
  const match = /^\s*(\w+)\s+eq\s+(?:'((?:[^']|'')*)'|(true|false|\d+))\s*$/i.exec(filter);
  if (!match) return undefined;
  const [, field, text, literal] = match;
  const expected: unknown = text !== undefined ? text.replace(/''/g, "'") : literal === "true" ? true : literal === "false" ? false : Number(literal);
  return (entity) => {
    const actual = entity[field!];
    return typeof actual === "string" && typeof expected === "string" ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
  };
}

const encodeSkipToken = (offset: number) => Buffer.from(JSON.stringify({ o: offset, v: 1 })).toString("base64url");

function decodeSkipToken(token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown };
    return typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

export interface ListingInput {
  url: URL;
  /** `https://graph.microsoft.com/v1.0/$metadata#users` */
  contextUrl: string;
  entities: readonly GraphEntity[];
  defaultPageSize: number;
  ids: RequestIds;
  /** Strips what a listing never returns (expansions). */
  shape?: (entity: GraphEntity) => GraphEntity;
}

export function listing(input: ListingInput): Response {
  const { url, ids } = input;
  const params = url.searchParams;
  const topText = params.get("$top");
  const top = topText === null ? input.defaultPageSize : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    return graphError(400, "BadRequest", `Invalid value '${topText}' for $top. It must be an integer between 1 and 999.`, ids);
  }
  const skipText = params.get("$skiptoken");
  const offset = skipText === null ? 0 : decodeSkipToken(skipText);
  if (offset === undefined) return graphError(400, "BadRequest", "The $skiptoken is invalid or expired.", ids);

  let entities = input.entities;
  const filterText = params.get("$filter");
  if (filterText !== null) {
    const predicate = parseFilter(filterText);
    if (!predicate) return graphError(400, "BadRequest", `Invalid filter clause: the sandbox supports 'property eq value' only.`, ids);
    entities = entities.filter(predicate);
  }
  const select = params.get("$select")?.split(",").map((field) => field.trim()).filter(Boolean);
  const page = entities.slice(offset, offset + top).map((entity) => project(input.shape ? input.shape(entity) : entity, select));

  const body: Record<string, unknown> = {
    "@odata.context": select ? `${input.contextUrl}(${select.join(",")})` : input.contextUrl,
  };
  if (offset + top < entities.length) {
    const next = new URLSearchParams();
    for (const [key, value] of params) if (key !== "$skiptoken" && key !== "$top") next.append(key, value);
    const query = [...next].map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
    query.push(`$top=${top}`, `$skiptoken=${encodeSkipToken(offset + top)}`);
    body["@odata.nextLink"] = `${url.origin}${url.pathname}?${query.join("&")}`;
  }
  body.value = page;
  return graphJson(body, ids);
}
