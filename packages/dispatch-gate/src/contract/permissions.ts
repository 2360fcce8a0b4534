// Microsoft Graph application permissions, judged the way Graph grants them: the ONE function that
// decides whether granted permissions satisfy a need (`grantsPermission`) is used by preflight, the
// connection check, the sandbox's Graph and the admin pages alike, so none of them can disagree.
//
// What counts as "broader" follows Microsoft's per-API permission tables ("least privileged" and
// "higher privileged" application permissions for each call), not a naming rule:
//  - Permissions reference: https://learn.microsoft.com/graph/permissions-reference
//  - List users: https://learn.microsoft.com/graph/api/user-list?view=graph-rest-1.0
//    (User.Read.All; also User.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All)
//  - List groups: https://learn.microsoft.com/graph/api/group-list?view=graph-rest-1.0
//    (Group.Read.All; also Group.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All)
//  - List servicePrincipals: https://learn.microsoft.com/graph/api/serviceprincipal-list?view=graph-rest-1.0
//    (Application.Read.All; also Application.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All)
//  - Intune device configurations, compliance policies and settings catalog policies:
//    https://learn.microsoft.com/graph/api/intune-deviceconfig-deviceconfiguration-list?view=graph-rest-1.0
//    https://learn.microsoft.com/graph/api/intune-deviceconfig-devicecompliancepolicy-list?view=graph-rest-1.0
//    https://learn.microsoft.com/graph/api/intune-deviceconfigv2-devicemanagementconfigurationpolicy-list?view=graph-rest-beta
//    (DeviceManagementConfiguration.Read.All; also DeviceManagementConfiguration.ReadWrite.All — writes
//    accept only the ReadWrite one)
//  - Intune managed devices: https://learn.microsoft.com/graph/api/intune-devices-manageddevice-list?view=graph-rest-1.0
//    (DeviceManagementManagedDevices.Read.All; also DeviceManagementManagedDevices.ReadWrite.All)
// Directory.* reaches users, groups and applications but never Intune: the Intune pages list only
// their own DeviceManagement* permissions.

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

const p = graphPermissions;

/**
 * For each permission, the broader ones Graph accepts in its place (the "higher privileged"
 * column of the pages above). Typed over every permission, so a new one must state its own. Only
 * what those pages state counts: a write permission accepts nothing else here.
 */
const broaderGrants: Readonly<Record<GraphPermission, readonly GraphPermission[]>> = {
  [p.deviceConfigurationRead]: [p.deviceConfigurationReadWrite],
  [p.deviceConfigurationReadWrite]: [],
  [p.managedDevicesRead]: [p.managedDevicesReadWrite],
  [p.managedDevicesReadWrite]: [],
  [p.groupRead]: [p.groupReadWrite, p.directoryRead, p.directoryReadWrite],
  [p.groupReadWrite]: [],
  [p.userRead]: [p.userReadWrite, p.directoryRead, p.directoryReadWrite],
  [p.userReadWrite]: [],
  [p.directoryRead]: [p.directoryReadWrite],
  [p.directoryReadWrite]: [],
  [p.applicationRead]: [p.applicationReadWrite, p.directoryRead, p.directoryReadWrite],
  [p.applicationReadWrite]: [],
};

export function isGraphPermission(value: string): value is GraphPermission {
  return Object.hasOwn(broaderGrants, value);
}

/** `need` and every broader permission Graph accepts in its place. */
export function acceptedPermissions(need: string): string[] {
  return [need, ...(isGraphPermission(need) ? broaderGrants[need] : [])];
}

/**
 * The Set of a frozen list of grants, built once per list: the bulk context read gives every tenant
 * whose connection holds the same grants one shared frozen array, and a frozen array cannot change
 * under its Set. Other lists get a Set per call.
 */
const frozenGrants = new WeakMap<readonly string[], ReadonlySet<string>>();

function heldOf(granted: Iterable<string>): ReadonlySet<string> {
  if (granted instanceof Set) return granted as ReadonlySet<string>;
  if (!isFrozenList(granted)) return new Set(granted);
  let held = frozenGrants.get(granted);
  if (!held) {
    held = new Set(granted);
    frozenGrants.set(granted, held);
  }
  return held;
}

function isFrozenList(granted: Iterable<string>): granted is readonly string[] {
  return Array.isArray(granted) && Object.isFrozen(granted);
}

/** Whether `granted` satisfies `need`: the permission itself or a broader one Graph accepts for it. */
export function grantsPermission(granted: Iterable<string>, need: string): boolean {
  const held = heldOf(granted);
  return acceptedPermissions(need).some((permission) => held.has(permission));
}

/** The needs that `granted` does not satisfy, in the order given. */
export function missingPermissions(granted: Iterable<string>, needs: readonly string[]): string[] {
  const held = new Set(granted);
  return needs.filter((need) => !grantsPermission(held, need));
}
