// A captured policy made fit to be written back: only what the type declares in the version the
// body is sent to, minus what Graph computes, minus navigation properties Graph does not take
// inline for that method. The one place restore bodies are built (ADR 013).
import type { GraphVersion } from "../client/graph-urls";
import { inlineNavigation, type WriteMethod } from "../metadata/deep-insert";
import { graphSchema, typeNameOfODataType } from "../metadata/graph-schema";
import { isReadOnly } from "../metadata/read-only-properties";

export interface WriteTarget {
  version: GraphVersion;
  /** The collection's type in Microsoft's metadata, e.g. `deviceConfiguration`. */
  type: string;
  method: WriteMethod;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function writableValue(version: GraphVersion, type: string, value: unknown, inline: readonly string[]): unknown {
  const collection = /^Collection\((.+)\)$/.exec(type);
  if (collection) return Array.isArray(value) ? value.map((item) => writableValue(version, collection[1]!, item, inline)) : value;
  return isObject(value) && graphSchema.structured(version, type) ? writableObject(version, type, value, inline) : value;
}

function writableObject(version: GraphVersion, declared: string, value: Json, inline: readonly string[]): Json {
  const named = typeNameOfODataType(value["@odata.type"]);
  const known = named === undefined || (graphSchema.structured(version, named) !== undefined && graphSchema.derivesFrom(version, named, declared));
  const type = named !== undefined && known ? named : declared;
  const properties = graphSchema.properties(version, type);
  const navigation = graphSchema.navigationProperties(version, type);
  const body: Json = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === "@odata.type") {
      body[key] = member;
      continue;
    }
    if (key.includes("@")) continue; // OData annotations (@odata.context, …) are Graph's, not data.
    const property = properties.get(key);
    if (property) {
      if (!isReadOnly(graphSchema, version, type, key)) body[key] = writableValue(version, property.type, member, []);
      continue;
    }
    const link = navigation.get(key);
    if (link) {
      if (inline.includes(key)) {
        const nested = inline.filter((path) => path.startsWith(`${key}/`)).map((path) => path.slice(key.length + 1));
        body[key] = writableValue(version, link.type, member, nested);
      }
      continue;
    }
    // A subtype this version of the metadata subset does not describe (a policy type the sandbox
    // does not model): its own properties came from Graph for this very version, so they stay.
    if (!known) body[key] = member;
  }
  return body;
}

/** The body for POST/PATCH/PUT of a captured payload to `target`. */
export function writablePayload(payload: Json, target: WriteTarget): Json {
  const lineage = graphSchema.lineage(target.version, target.type).map((type) => type.name);
  return writableObject(target.version, target.type, payload, inlineNavigation(lineage, target.method));
}
