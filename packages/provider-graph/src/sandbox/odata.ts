// The slice of OData that the sandbox's Graph speaks: error bodies, $select/$expand checked against
// Microsoft's metadata, a simple $filter, $top and opaque $skiptoken paging with @odata.nextLink.
import { HttpResponse, type JsonBodyType } from "msw";
import type { GraphVersion } from "../client/graph-urls";
import type { GraphEntity } from "./data/intune-policies";
import { entityQuery, filterPropertyProblem, selectFrom } from "./odata-query";
import { versionView } from "./version-view";

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

export interface GraphErrorExtras {
  headers?: Record<string, string>;
  /** Intune repeats the message inside innerError (its ModelValidationFailure bodies do). */
  innerErrorMessage?: string;
}

export function graphError(status: number, code: string, message: string, ids: RequestIds, extras: GraphErrorExtras = {}): Response {
  return HttpResponse.json(
    {
      error: {
        code,
        message,
        innerError: {
          ...(extras.innerErrorMessage === undefined ? {} : { message: extras.innerErrorMessage }),
          date: new Date().toISOString().replace(/\.\d+Z$/, ""),
          "request-id": ids.requestId,
          "client-request-id": ids.clientRequestId ?? ids.requestId,
        },
      },
    },
    { status, headers: { ...graphHeaders(ids), ...extras.headers } },
  );
}

export function graphJson(body: JsonBodyType, ids: RequestIds, status = 200): Response {
  return HttpResponse.json(body, {
    status,
    headers: { ...graphHeaders(ids), "Content-Type": "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8" },
  });
}

interface Filter {
  property: string;
  test: (entity: GraphEntity) => boolean;
}

function parseFilter(filter: string): Filter | undefined {
  const match = /^\s*(\w+)\s+eq\s+(?:'((?:[^']|'')*)'|(true|false|\d+))\s*$/i.exec(filter);
  if (!match) return undefined;
  const [, field, text, literal] = match;
  const expected: unknown = text !== undefined ? text.replace(/''/g, "'") : literal === "true" ? true : literal === "false" ? false : Number(literal);
  return {
    property: field!,
    test: (entity) => {
      const actual = entity[field!];
      return typeof actual === "string" && typeof expected === "string" ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
    },
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

/** Which metadata describes a collection's members in the requested version. */
export interface EntitySetType {
  version: GraphVersion;
  /** The collection's declared type, e.g. `deviceConfiguration`, `user`. */
  type: string;
}

export interface ListingInput {
  url: URL;
  /** `https://graph.microsoft.com/v1.0/$metadata#users` */
  contextUrl: string;
  entities: readonly GraphEntity[];
  entitySet: EntitySetType;
  defaultPageSize: number;
  ids: RequestIds;
}

/** One entity as the requested version, $select and $expand show it; or Graph's 400. */
export function entityResponseBody(
  entity: GraphEntity,
  entitySet: EntitySetType,
  params: URLSearchParams,
  ids: RequestIds,
): { body: Record<string, unknown> } | { error: Response } {
  const query = entityQuery(entitySet.version, entitySet.type, params);
  if (!query.ok) return { error: graphError(400, "BadRequest", query.message, ids) };
  return { body: selectFrom(versionView(entitySet.version, entitySet.type, entity, query.query.expand), query.query) };
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

  const { version, type } = input.entitySet;
  const query = entityQuery(version, type, params);
  if (!query.ok) return graphError(400, "BadRequest", query.message, ids);
  let entities = input.entities;
  const filterText = params.get("$filter");
  if (filterText !== null) {
    const filter = parseFilter(filterText);
    if (!filter) return graphError(400, "BadRequest", `Invalid filter clause: the sandbox supports 'property eq value' only.`, ids);
    const unknown = filterPropertyProblem(version, type, filter.property);
    if (unknown) return graphError(400, "BadRequest", unknown, ids);
    entities = entities.filter(filter.test);
  }
  const { select } = query.query;
  const page = entities.slice(offset, offset + top).map((entity) => selectFrom(versionView(version, type, entity, query.query.expand), query.query));

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
