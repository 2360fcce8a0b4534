// Properties Graph computes itself. Microsoft's documentation marks these "read-only", but its CSDL
// annotates only some read-only properties as Core.V1.Computed (none of these), so they are
// listed here, by the type that declares them. One place: restore bodies leave them out and the
// sandbox refuses writes that carry them.
import type { GraphVersion } from "../client/graph-urls";
import type { GraphSchema } from "./graph-schema";

const serverManaged: Readonly<Record<string, readonly string[]>> = {
  entity: ["id"],
  deviceConfiguration: ["createdDateTime", "lastModifiedDateTime", "version", "supportsScopeTags"],
  deviceCompliancePolicy: ["createdDateTime", "lastModifiedDateTime", "version"],
  deviceManagementConfigurationPolicy: ["createdDateTime", "lastModifiedDateTime", "settingCount", "isAssigned"],
};

/** Read-only for the type (or a base type): listed above, or Computed in Microsoft's metadata. */
export function isReadOnly(schema: GraphSchema, version: GraphVersion, typeName: string, property: string): boolean {
  for (const type of schema.lineage(version, typeName)) {
    if (serverManaged[type.name]?.includes(property)) return true;
    if (type.definition.properties[property]?.computed) return true;
  }
  return false;
}
