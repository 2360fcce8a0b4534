// Realistic Intune policy entities for the sandbox, stored in their beta shape (the richest Graph
// has: scope tags, beta-only settings). Each API version shows only what its metadata declares
// (sandbox/version-view.ts); the metadata test checks every property and enum value here.
import type { SeededRandom } from "../seeded-random";

export type GraphEntity = Record<string, unknown> & { id: string };

const variants = ["Pilot", "Corporate", "Kiosk", "Executives", "Contractors", "Lab", "Frontline", "Legacy"];

function nameFor(base: string, round: number, random: SeededRandom): string {
  return round === 0 ? base : `${base} (${variants[(round - 1 + random.int(0, 2)) % variants.length]} ${round + 1})`;
}

interface Template {
  odataType: string;
  name: string;
  description: string;
  properties(random: SeededRandom): Record<string, unknown>;
}

const deviceConfigurationTemplates: readonly Template[] = [
  {
    odataType: "#microsoft.graph.windows10GeneralConfiguration",
    name: "Windows - Device restrictions",
    description: "Baseline restrictions for corporate Windows devices.",
    properties: (r) => ({
      passwordRequired: true,
      passwordMinimumLength: r.int(8, 14),
      passwordRequiredType: "alphanumeric",
      cameraBlocked: r.chance(0.2),
      defenderRequireRealTimeMonitoring: true,
      defenderScanType: "full",
      storageBlockRemovableStorage: r.chance(0.3),
    }),
  },
  {
    odataType: "#microsoft.graph.windows10EndpointProtectionConfiguration",
    name: "Windows - Endpoint protection",
    description: "BitLocker and firewall settings.",
    properties: (r) => ({
      bitLockerEncryptDevice: true,
      bitLockerDisableWarningForOtherDiskEncryption: true,
      firewallBlockStatefulFTP: true,
      firewallProfileDomain: { firewallEnabled: "allowed", inboundConnectionsBlocked: r.chance(0.5) },
      defenderAttackSurfaceReductionExcludedPaths: [],
    }),
  },
  {
    odataType: "#microsoft.graph.windowsUpdateForBusinessConfiguration",
    name: "Windows Update ring - Broad",
    description: "Quality and feature update deferrals.",
    properties: (r) => ({
      qualityUpdatesDeferralPeriodInDays: r.int(0, 7),
      featureUpdatesDeferralPeriodInDays: r.int(0, 60),
      automaticUpdateMode: "autoInstallAtMaintenanceTime",
      businessReadyUpdatesOnly: "all",
      deadlineForQualityUpdatesInDays: r.int(2, 7),
    }),
  },
  {
    odataType: "#microsoft.graph.iosGeneralDeviceConfiguration",
    name: "iOS/iPadOS - Device restrictions",
    description: "Passcode and iCloud restrictions for supervised devices.",
    properties: (r) => ({
      passcodeRequired: true,
      passcodeMinimumLength: r.pick([6, 8]),
      passcodeBlockSimple: true,
      iCloudBlockBackup: r.chance(0.5),
      cameraBlocked: false,
    }),
  },
  {
    odataType: "#microsoft.graph.macOSGeneralDeviceConfiguration",
    name: "macOS - Device restrictions",
    description: "Password rules for managed Macs.",
    properties: (r) => ({
      passwordRequired: true,
      passwordMinimumLength: r.int(8, 12),
      passwordBlockSimple: true,
      passwordMinutesOfInactivityBeforeScreenTimeout: r.pick([5, 10, 15]),
    }),
  },
  {
    odataType: "#microsoft.graph.androidWorkProfileGeneralDeviceConfiguration",
    name: "Android Enterprise - Work profile",
    description: "Work profile password and data sharing.",
    properties: (r) => ({
      workProfilePasswordRequiredType: "numericComplex",
      workProfilePasswordMinimumLength: r.int(4, 8),
      workProfileBlockCamera: r.chance(0.2),
      workProfileDataSharingType: "preventAny",
    }),
  },
  {
    odataType: "#microsoft.graph.windows10CustomConfiguration",
    name: "Windows - Custom OMA-URI",
    description: "Settings not yet in the settings catalog.",
    properties: () => ({
      omaSettings: [
        {
          "@odata.type": "#microsoft.graph.omaSettingInteger",
          displayName: "Disable consumer features",
          omaUri: "./Device/Vendor/MSFT/Policy/Config/Experience/AllowWindowsConsumerFeatures",
          value: 0,
        },
      ],
    }),
  },
];

const complianceTemplates: readonly Template[] = [
  {
    odataType: "#microsoft.graph.windows10CompliancePolicy",
    name: "Windows - Compliance baseline",
    description: "Encryption, Secure Boot and Defender required.",
    properties: (r) => ({
      passwordRequired: true,
      osMinimumVersion: r.pick(["10.0.19045", "10.0.22631"]),
      bitLockerEnabled: true,
      secureBootEnabled: true,
      defenderEnabled: true,
      storageRequireEncryption: true,
    }),
  },
  {
    odataType: "#microsoft.graph.iosCompliancePolicy",
    name: "iOS/iPadOS - Compliance",
    description: "Minimum OS and jailbreak detection.",
    properties: (r) => ({
      passcodeRequired: true,
      osMinimumVersion: r.pick(["17.0", "17.5", "18.0"]),
      securityBlockJailbrokenDevices: true,
      deviceThreatProtectionEnabled: false,
    }),
  },
  {
    odataType: "#microsoft.graph.androidWorkProfileCompliancePolicy",
    name: "Android Enterprise - Compliance",
    description: "Rooted devices are non-compliant.",
    properties: (r) => ({
      passwordRequired: true,
      osMinimumVersion: r.pick(["12", "13"]),
      securityBlockJailbrokenDevices: true,
      securityRequireSafetyNetAttestationBasicIntegrity: true,
    }),
  },
  {
    odataType: "#microsoft.graph.macOSCompliancePolicy",
    name: "macOS - Compliance",
    description: "FileVault and SIP required.",
    properties: (r) => ({
      systemIntegrityProtectionEnabled: true,
      storageRequireEncryption: true,
      osMinimumVersion: r.pick(["14.0", "15.0"]),
      firewallEnabled: true,
    }),
  },
];

interface CatalogTemplate {
  name: string;
  platforms: string;
  technologies: string;
  settings: readonly string[];
}

const catalogTemplates: readonly CatalogTemplate[] = [
  { name: "Microsoft Defender - Antivirus", platforms: "windows10", technologies: "mdm,microsoftSense", settings: ["device_vendor_msft_policy_config_defender_allowrealtimemonitoring", "device_vendor_msft_policy_config_defender_allowcloudprotection"] },
  { name: "Microsoft Edge - Security baseline", platforms: "windows10", technologies: "mdm", settings: ["device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_smartscreenenabled", "device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_passwordmanagerenabled"] },
  { name: "BitLocker - Require device encryption", platforms: "windows10", technologies: "mdm", settings: ["device_vendor_msft_bitlocker_requiredeviceencryption"] },
  { name: "Windows Hello for Business", platforms: "windows10", technologies: "mdm", settings: ["device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork", "device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice"] },
  { name: "OneDrive - Known folder move", platforms: "windows10", technologies: "mdm", settings: ["device_vendor_msft_policy_config_onedrivengscv2~policy~onedrivengsc_kfmsilentoptin"] },
  { name: "Local Administrator Password Solution", platforms: "windows10", technologies: "mdm", settings: ["device_vendor_msft_laps_policies_backupdirectory"] },
  { name: "macOS - FileVault", platforms: "macOS", technologies: "mdm,appleRemoteManagement", settings: ["com.apple.mcx.filevault2_enable"] },
  { name: "Windows - Attack surface reduction", platforms: "windows10", technologies: "mdm,microsoftSense", settings: ["device_vendor_msft_policy_config_defender_attacksurfacereductionrules_blockexecutablecontentfromemailclientandwebmail"] },
];

function baseEntity(random: SeededRandom, anchor: Date): { id: string; createdDateTime: string; lastModifiedDateTime: string } {
  const created = random.dateBefore(anchor, 400);
  const modified = new Date(Math.min(anchor.getTime(), Date.parse(created) + random.int(0, 200) * 86_400_000)).toISOString();
  return { id: random.guid(), createdDateTime: created, lastModifiedDateTime: modified };
}

/**
 * Intune RBAC scope tags ("0" is the built-in Default tag). MSPs scope policies to customer teams,
 * so some policies carry a custom tag: what a restore must keep.
 */
const scopeTagPatterns: readonly (readonly string[])[] = [["0"], ["0", "2"], ["0"], ["1"], ["0"]];

/** By position rather than from the random stream, so the rest of the generated data stays as it was. */
function scopeTags(index: number): string[] {
  return [...scopeTagPatterns[index % scopeTagPatterns.length]!];
}

function classicPolicies(templates: readonly Template[], count: number, random: SeededRandom, anchor: Date): GraphEntity[] {
  return Array.from({ length: count }, (_, index) => {
    const template = templates[index % templates.length]!;
    const round = Math.floor(index / templates.length);
    return {
      "@odata.type": template.odataType,
      ...baseEntity(random, anchor),
      displayName: nameFor(template.name, round, random),
      description: template.description,
      version: random.int(1, 9),
      roleScopeTagIds: scopeTags(index),
      ...template.properties(random),
    };
  });
}

export function deviceConfigurations(count: number, random: SeededRandom, anchor: Date): GraphEntity[] {
  // supportsScopeTags is declared on deviceConfiguration only (not on compliance policies).
  return classicPolicies(deviceConfigurationTemplates, count, random, anchor).map((policy) => ({ ...policy, supportsScopeTags: true }));
}

export function compliancePolicies(count: number, random: SeededRandom, anchor: Date): GraphEntity[] {
  return classicPolicies(complianceTemplates, count, random, anchor).map((policy) => ({
    ...policy,
    scheduledActionsForRule: [
      {
        id: random.guid(),
        ruleName: "PasswordRequired",
        scheduledActionConfigurations: [
          {
            id: random.guid(),
            gracePeriodHours: random.pick([0, 24, 72]),
            actionType: "block",
            notificationTemplateId: "00000000-0000-0000-0000-000000000000",
            notificationMessageCCList: [],
          },
        ],
      },
    ],
  }));
}

export function catalogSetting(settingDefinitionId: string, index: number, enabled: boolean): Record<string, unknown> {
  return {
    id: String(index),
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId,
      settingInstanceTemplateReference: null,
      choiceSettingValue: {
        settingValueTemplateReference: null,
        value: `${settingDefinitionId}_${enabled ? 1 : 0}`,
        children: [],
      },
    },
  };
}

export function settingsCatalogPolicies(count: number, random: SeededRandom, anchor: Date): GraphEntity[] {
  return Array.from({ length: count }, (_, index) => {
    const template = catalogTemplates[index % catalogTemplates.length]!;
    const settings = template.settings.map((definition, position) => catalogSetting(definition, position, random.chance(0.8)));
    return {
      ...baseEntity(random, anchor),
      name: nameFor(template.name, Math.floor(index / catalogTemplates.length), random),
      description: "",
      platforms: template.platforms,
      technologies: template.technologies,
      settingCount: settings.length,
      creationSource: null,
      roleScopeTagIds: ["0"],
      isAssigned: random.chance(0.7),
      templateReference: { templateId: "", templateFamily: "none", templateDisplayName: null, templateDisplayVersion: null },
      settings,
    };
  });
}
