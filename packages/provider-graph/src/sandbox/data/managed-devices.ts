// Intune managed devices of a sandbox tenant, shaped like Graph v1.0 returns them (the sandbox
// serves them in v1.0 only, the version whose metadata it holds for managedDevice).
import type { SeededRandom } from "../seeded-random";
import type { GraphEntity } from "./intune-policies";

interface Platform {
  operatingSystem: string;
  versions: readonly string[];
  models: readonly [manufacturer: string, model: string][];
  enrollment: string;
  name(random: SeededRandom): string;
  weight: number;
}

const platforms: readonly Platform[] = [
  {
    operatingSystem: "Windows",
    versions: ["10.0.22631.4460", "10.0.26100.2314", "10.0.19045.5131"],
    models: [["Microsoft Corporation", "Surface Laptop 5"], ["Dell Inc.", "Latitude 7440"], ["LENOVO", "ThinkPad T14 Gen 4"], ["HP", "EliteBook 840 G10"]],
    enrollment: "windowsAzureADJoin",
    name: (r) => `${r.pick(["DESKTOP", "LT"])}-${r.hex(7).toUpperCase()}`,
    weight: 0.55,
  },
  {
    operatingSystem: "iOS",
    versions: ["17.6.1", "18.1", "18.0.1"],
    models: [["Apple", "iPhone 15"], ["Apple", "iPhone 14 Pro"], ["Apple", "iPad Air (5th generation)"]],
    enrollment: "appleBulkWithUser",
    name: (r) => `${r.pick(["iPhone", "iPad"])}-${r.hex(4).toUpperCase()}`,
    weight: 0.2,
  },
  {
    operatingSystem: "Android",
    versions: ["14", "13", "15"],
    models: [["Google", "Pixel 8"], ["samsung", "SM-S911B"]],
    // A personally owned work-profile device enrols as a user; v1.0's deviceEnrollmentType has no
    // Android Enterprise members (beta's do).
    enrollment: "userEnrollment",
    name: (r) => `Android-${r.hex(6).toUpperCase()}`,
    weight: 0.15,
  },
  {
    operatingSystem: "macOS",
    versions: ["14.6.1", "15.1"],
    models: [["Apple", "MacBook Pro (14-inch, M3)"], ["Apple", "MacBook Air (M2)"]],
    enrollment: "appleBulkWithUser",
    name: (r) => `MBP-${r.hex(6).toUpperCase()}`,
    weight: 0.1,
  },
];

function platformFor(random: SeededRandom): Platform {
  let roll = random.next();
  for (const platform of platforms) {
    if (roll < platform.weight) return platform;
    roll -= platform.weight;
  }
  return platforms[0]!;
}

function complianceState(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.7) return "compliant";
  if (roll < 0.85) return "noncompliant";
  if (roll < 0.9) return "inGracePeriod";
  return "unknown";
}

export function managedDevices(count: number, owners: readonly GraphEntity[], random: SeededRandom, anchor: Date): GraphEntity[] {
  return Array.from({ length: count }, () => {
    const platform = platformFor(random);
    const [manufacturer, model] = random.pick(platform.models);
    const owner = owners.length > 0 ? random.pick(owners) : undefined;
    const enrolled = random.dateBefore(anchor, 500);
    return {
      id: random.guid(),
      userId: owner?.id ?? null,
      deviceName: platform.name(random),
      managedDeviceOwnerType: random.chance(0.9) ? "company" : "personal",
      enrolledDateTime: enrolled,
      lastSyncDateTime: random.dateBefore(anchor, 14),
      operatingSystem: platform.operatingSystem,
      complianceState: complianceState(random),
      jailBroken: "False",
      managementAgent: platform.operatingSystem === "Windows" && random.chance(0.2) ? "configurationManagerClientMdm" : "mdm",
      osVersion: random.pick(platform.versions),
      easActivated: false,
      azureADRegistered: true,
      deviceEnrollmentType: platform.enrollment,
      emailAddress: owner ? String(owner.mail) : null,
      azureADDeviceId: random.guid(),
      deviceRegistrationState: "registered",
      isEncrypted: random.chance(0.85),
      userPrincipalName: owner ? String(owner.userPrincipalName) : null,
      model,
      manufacturer,
      serialNumber: random.hex(12).toUpperCase(),
      userDisplayName: owner ? String(owner.displayName) : null,
    };
  });
}
