// Walking JSON by the types Microsoft's metadata gives it: the one traversal behind the sandbox's
// per-version view and the product's restore bodies.
import type { GraphVersion } from "../client/graph-urls";
import { graphSchema, typeNameOfODataType } from "./graph-schema";

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The type an object is in this version: its @odata.type when the version knows that type as
 * `declared` or one derived from it, `declared` when it names none; undefined when it names a type
 * this version does not describe as such.
 */
export function typeOfObject(version: GraphVersion, declared: string, value: JsonObject): string | undefined {
  const named = typeNameOfODataType(value["@odata.type"]);
  if (named === undefined) return declared;
  return graphSchema.structured(version, named) && graphSchema.derivesFrom(version, named, declared) ? named : undefined;
}

/** `onObject` applied to every object of a structured `type` in `value` (collections included). */
export function mapStructured(version: GraphVersion, type: string, value: unknown, onObject: (declared: string, object: JsonObject) => JsonObject): unknown {
  const collection = /^Collection\((.+)\)$/.exec(type);
  if (collection) return Array.isArray(value) ? value.map((item) => mapStructured(version, collection[1]!, item, onObject)) : value;
  return isJsonObject(value) && graphSchema.structured(version, type) ? onObject(type, value) : value;
}

export interface Projection {
  /** Structural properties to leave out (read-only ones, in a request body). */
  omit?: (type: string, property: string) => boolean;
  /**
   * Members of an object whose @odata.type this version does not describe: kept as they are (a
   * body written back through the version it was read from) or left out (what a version shows).
   */
  keepUndescribed: boolean;
}

/**
 * An object reduced to what its type declares in `version`: @odata.type, structural properties
 * (recursively), and the navigation properties named in `inline` (`a`, `a/b`). OData annotations
 * other than @odata.type are left out.
 */
export function projectObject(version: GraphVersion, declared: string, value: JsonObject, inline: readonly string[], projection: Projection): JsonObject {
  const known = typeOfObject(version, declared, value);
  const type = known ?? declared;
  const properties = graphSchema.properties(version, type);
  const navigation = graphSchema.navigationProperties(version, type);
  const projected: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === "@odata.type") {
      projected[key] = member;
      continue;
    }
    if (key.includes("@")) continue;
    const property = properties.get(key);
    if (property) {
      if (!projection.omit?.(type, key)) {
        projected[key] = mapStructured(version, property.type, member, (nested, object) => projectObject(version, nested, object, [], projection));
      }
      continue;
    }
    const link = navigation.get(key);
    if (link) {
      if (inline.includes(key)) {
        const nested = inline.filter((path) => path.startsWith(`${key}/`)).map((path) => path.slice(key.length + 1));
        projected[key] = mapStructured(version, link.type, member, (target, object) => projectObject(version, target, object, nested, projection));
      }
      continue;
    }
    if (known === undefined && projection.keepUndescribed) projected[key] = member;
  }
  return projected;
}
