// Which Microsoft Graph application permission each Graph endpoint needs. The client uses the table
// to name the missing permission on a 403; the sandbox uses it to decide what a token may call.
// Whether a set of granted permissions satisfies a need is decided by ONE function, the gate
// contract's `grantsPermission` (Microsoft's documented broader grants, with the reference pages
// cited there), re-exported here so Graph-side code and preflight cannot disagree.
import { graphPermissions, type GraphPermission } from "@tenantpilot/dispatch-gate/contract";

export {
  graphPermissions,
  allGraphPermissions,
  grantsPermission,
  missingPermissions,
  acceptedPermissions,
  type GraphPermission,
} from "@tenantpilot/dispatch-gate/contract";

type Access = "read" | "write";

interface EndpointRule {
  /** Matches the path after the version segment, e.g. `deviceManagement/deviceConfigurations/{id}`. */
  pattern: RegExp;
  /** The least-privileged permission that allows the access; broader ones are accepted too (grantsPermission). */
  read: GraphPermission;
  write?: GraphPermission;
}

const endpointRules: readonly EndpointRule[] = [
  {
    pattern: /^deviceManagement\/(deviceConfigurations|deviceCompliancePolicies|configurationPolicies)(\/|$)/,
    read: graphPermissions.deviceConfigurationRead,
    write: graphPermissions.deviceConfigurationReadWrite,
  },
  {
    pattern: /^deviceManagement\/managedDevices(\/|$)/,
    read: graphPermissions.managedDevicesRead,
    write: graphPermissions.managedDevicesReadWrite,
  },
  { pattern: /^groups(\/|$|\?)/, read: graphPermissions.groupRead, write: graphPermissions.groupReadWrite },
  { pattern: /^users(\/|$|\?)/, read: graphPermissions.userRead, write: graphPermissions.userReadWrite },
  {
    pattern: /^servicePrincipals(\/|$|\?|\()/,
    read: graphPermissions.applicationRead,
    write: graphPermissions.applicationReadWrite,
  },
];

/**
 * The permission a Graph resource path needs for the given access, or undefined for paths
 * outside the table. `resourcePath` is relative to the version segment, without a leading slash.
 */
export function permissionForEndpoint(resourcePath: string, access: Access): GraphPermission | undefined {
  const rule = endpointRules.find((candidate) => candidate.pattern.test(resourcePath));
  if (!rule) return undefined;
  return access === "read" ? rule.read : (rule.write ?? rule.read);
}

export function accessForMethod(method: string): Access {
  return method.toUpperCase() === "GET" ? "read" : "write";
}
