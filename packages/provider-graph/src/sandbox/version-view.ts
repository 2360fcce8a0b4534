// A sandbox tenant keeps one state per entity, the richest shape Graph has for it (beta for
// Intune policies). Each API version sees only what its metadata declares for the entity's type:
// a v1.0 read of a policy carries no roleScopeTagIds, exactly as Graph's v1.0 does.
import type { GraphVersion } from "../client/graph-urls";
import { projectObject, type JsonObject } from "../metadata/typed-json";

/**
 * `value` as a `declared` in `version` sees it: declared structural properties, and the navigation
 * properties named in `expand` (`a`, `a/b` for nested expansions).
 */
export function versionView(version: GraphVersion, declared: string, value: JsonObject, expand: readonly string[] = []): JsonObject {
  return projectObject(version, declared, value, expand, { keepUndescribed: false });
}
