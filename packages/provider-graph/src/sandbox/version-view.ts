// A sandbox tenant keeps one state per entity, the richest shape Graph has for it (beta for
// Intune policies). Each API version sees only what its metadata declares for the entity's type:
// a v1.0 read of a policy carries no roleScopeTagIds, exactly as Graph's v1.0 does.
import type { GraphVersion } from "../client/graph-urls";
import { graphSchema, typeNameOfODataType } from "../metadata/graph-schema";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value's own type when this version knows it as a subtype of `declared`, else `declared`. */
function effectiveType(version: GraphVersion, declared: string, value: Json): string {
  const named = typeNameOfODataType(value["@odata.type"]);
  return named && graphSchema.structured(version, named) && graphSchema.derivesFrom(version, named, declared) ? named : declared;
}

function viewOfValue(version: GraphVersion, type: string, value: unknown, expand: readonly string[]): unknown {
  const collection = /^Collection\((.+)\)$/.exec(type);
  if (collection) return Array.isArray(value) ? value.map((item) => viewOfValue(version, collection[1]!, item, expand)) : value;
  if (!isObject(value) || !graphSchema.structured(version, type)) return value;
  return versionView(version, type, value, expand);
}

/**
 * `value` as a `declared` in `version` sees it: declared structural properties, and the navigation
 * properties named in `expand` (`a`, `a/b` for nested expansions).
 */
export function versionView(version: GraphVersion, declared: string, value: Json, expand: readonly string[] = []): Json {
  const type = effectiveType(version, declared, value);
  const properties = graphSchema.properties(version, type);
  const navigation = graphSchema.navigationProperties(version, type);
  const view: Json = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === "@odata.type") {
      view[key] = member;
      continue;
    }
    const property = properties.get(key);
    if (property) {
      view[key] = viewOfValue(version, property.type, member, []);
      continue;
    }
    const link = navigation.get(key);
    if (link && expand.includes(key)) {
      const nested = expand.filter((path) => path.startsWith(`${key}/`)).map((path) => path.slice(key.length + 1));
      view[key] = viewOfValue(version, link.type, member, nested);
    }
  }
  return view;
}
