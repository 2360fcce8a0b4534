// $select, $expand and $filter judged against Microsoft's metadata for the collection's type in the
// requested version: a name Graph does not declare there is a 400, as Graph answers it.
import type { GraphVersion } from "../client/graph-urls";
import { graphSchema, qualifiedTypeName } from "../metadata/graph-schema";

export interface EntityQuery {
  /** Undefined: every property. */
  select?: string[];
  /** Navigation paths to include: `a`, `a/b`. */
  expand: string[];
}

export type QueryResult = { ok: true; query: EntityQuery } | { ok: false; message: string };

const notFound = (property: string, type: string) =>
  `Parsing OData Select and Expand failed: Could not find a property named '${property}' on type '${qualifiedTypeName(type)}'.`;

/** Splits on commas outside parentheses: `a($expand=b,c),d` → [`a($expand=b,c)`, `d`]. */
function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    if (char === "," && depth === 0) {
      items.push(current.trim());
      current = "";
    } else current += char;
  }
  if (current.trim() !== "") items.push(current.trim());
  return items;
}

function expandPaths(version: GraphVersion, type: string, text: string, prefix: string): string[] | { error: string } {
  const paths: string[] = [];
  for (const item of topLevelItems(text)) {
    const match = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/.exec(item);
    if (!match) return { error: `Parsing OData Select and Expand failed: the $expand item '${item}' is not understood.` };
    const [, name, options] = match;
    const link = graphSchema.navigationProperties(version, type).get(name!);
    if (!link) return { error: notFound(name!, type) };
    paths.push(`${prefix}${name}`);
    const nested = options ? /(?:^|;)\$expand=(.+)$/.exec(options)?.[1] : undefined;
    if (nested) {
      const target = link.type.replace(/^Collection\((.+)\)$/, "$1");
      const inner = expandPaths(version, target, nested, `${prefix}${name}/`);
      if (!Array.isArray(inner)) return inner;
      paths.push(...inner);
    }
  }
  return paths;
}

/** The $select and $expand of a request for entities of `type`, or Graph's 400 message. */
export function entityQuery(version: GraphVersion, type: string, params: URLSearchParams): QueryResult {
  const selectText = params.get("$select");
  let select: string[] | undefined;
  if (selectText !== null) {
    select = selectText.split(",").map((field) => field.trim()).filter(Boolean);
    const unknown = select.find((field) => !graphSchema.declares(version, type, field));
    if (unknown !== undefined) return { ok: false, message: notFound(unknown, type) };
  }
  const expandText = params.get("$expand");
  const expand = expandText === null ? [] : expandPaths(version, type, expandText, "");
  if (!Array.isArray(expand)) return { ok: false, message: expand.error };
  return { ok: true, query: { ...(select === undefined ? {} : { select }), expand } };
}

/** The property a `$filter=property eq value` names must exist on the type. */
export function filterPropertyProblem(version: GraphVersion, type: string, property: string): string | undefined {
  return graphSchema.properties(version, type).has(property)
    ? undefined
    : `Could not find a property named '${property}' on type '${qualifiedTypeName(type)}'.`;
}

/** Keeps `id`, `@odata.type` and the selected properties (and the expanded navigation properties). */
export function selectFrom(view: Record<string, unknown>, query: EntityQuery): Record<string, unknown> {
  if (!query.select) return view;
  const keep = new Set(["id", "@odata.type", ...query.select, ...query.expand.filter((path) => !path.includes("/"))]);
  return Object.fromEntries(Object.entries(view).filter(([key]) => keep.has(key)));
}
