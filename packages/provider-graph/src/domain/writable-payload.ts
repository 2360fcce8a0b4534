// A captured policy made fit to be written back: only what the type declares in the version the
// body is sent to, minus what Graph computes, minus navigation properties Graph does not take
// inline for that method. The one place restore bodies are built (ADR 013).
import type { GraphVersion } from "../client/graph-urls";
import { inlineNavigation, type WriteMethod } from "../metadata/deep-insert";
import { graphSchema } from "../metadata/graph-schema";
import { isReadOnly } from "../metadata/read-only-properties";
import { projectObject, type JsonObject } from "../metadata/typed-json";

export interface WriteTarget {
  version: GraphVersion;
  /** The collection's type in Microsoft's metadata, e.g. `deviceConfiguration`. */
  type: string;
  method: WriteMethod;
}

/** The body for POST/PATCH/PUT of a captured payload to `target`. */
export function writablePayload(payload: JsonObject, target: WriteTarget): JsonObject {
  const { version, type, method } = target;
  const lineage = graphSchema.lineage(version, type).map((entry) => entry.name);
  return projectObject(version, type, payload, inlineNavigation(lineage, method), {
    omit: (declaring, property) => isReadOnly(graphSchema, version, declaring, property),
    // A subtype this version of the metadata subset does not describe (a policy type the sandbox
    // does not model): its own properties came from Graph for this very version, so they stay.
    keepUndescribed: true,
  });
}
