// Microsoft Graph application permissions the product deals with, and which ones each Graph
// endpoint accepts. The client uses the table to name the missing permission on a 403; the
// sandbox uses it to decide what a token may call, so both agree on one source.

export const graphPermissions = {
  deviceConfigurationRead: "DeviceManagementConfiguration.Read.All",
  deviceConfigurationReadWrite: "DeviceManagementConfiguration.ReadWrite.All",
  managedDevicesRead: "DeviceManagementManagedDevices.Read.All",
  managedDevicesReadWrite: "DeviceManagementManagedDevices.ReadWrite.All",
  groupRead: "Group.Read.All",
  groupReadWrite: "Group.ReadWrite.All",
  userRead: "User.Read.All",
  userReadWrite: "User.ReadWrite.All",
  directoryRead: "Directory.Read.All",
  directoryReadWrite: "Directory.ReadWrite.All",
  applicationRead: "Application.Read.All",
  applicationReadWrite: "Application.ReadWrite.All",
} as const;

export type GraphPermission = (typeof graphPermissions)[keyof typeof graphPermissions];

/** Every permission above: what a fully consented sandbox app is granted. */
export const allGraphPermissions: readonly GraphPermission[] = Object.values(graphPermissions);

/**
 * Broader permissions that Graph accepts wherever the narrower one is required (a
 * ReadWrite.All app can read; Directory.Read.All reads users and groups).
 */
const impliedBy: Readonly<Record<string, readonly string[]>> = {
  [graphPermissions.deviceConfigurationRead]: [graphPermissions.deviceConfigurationReadWrite],
  [graphPermissions.managedDevicesRead]: [graphPermissions.managedDevicesReadWrite],
  [graphPermissions.groupRead]: [
    graphPermissions.groupReadWrite,
    graphPermissions.directoryRead,
    graphPermissions.directoryReadWrite,
  ],
  [graphPermissions.userRead]: [
    graphPermissions.userReadWrite,
    graphPermissions.directoryRead,
    graphPermissions.directoryReadWrite,
  ],
  [graphPermissions.applicationRead]: [
    graphPermissions.applicationReadWrite,
    graphPermissions.directoryRead,
    graphPermissions.directoryReadWrite,
  ],
  [graphPermissions.directoryRead]: [graphPermissions.directoryReadWrite],
};

/** Whether `granted` satisfies `required`, counting the broader permissions Graph also accepts. */
export function grantsPermission(granted: Iterable<string>, required: string): boolean {
  const set = granted instanceof Set ? (granted as Set<string>) : new Set(granted);
  if (set.has(required)) return true;
  return (impliedBy[required] ?? []).some((broader) => set.has(broader));
}

/** `required` and every broader permission Graph accepts in its place. */
export function acceptedPermissions(required: string): string[] {
  return [required, ...(impliedBy[required] ?? [])];
}

/** The required permissions that `granted` does not satisfy, in the order given. */
export function missingPermissions(granted: Iterable<string>, required: readonly string[]): string[] {
  const set = new Set(granted);
  return required.filter((permission) => !grantsPermission(set, permission));
}

type Access = "read" | "write";

interface EndpointRule {
  /** Matches the path after the version segment, e.g. `deviceManagement/deviceConfigurations/{id}`. */
  pattern: RegExp;
  /** The least-privileged permission that allows the access; broader ones are accepted too. */
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
