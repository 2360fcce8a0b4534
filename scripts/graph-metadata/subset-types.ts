// The types of Microsoft's Graph metadata that TenantPilot touches, per API version: what the
// product reads or writes and what the sandbox serves. Base types are added by the extractor.
// A type missing here shows up as "not in the metadata subset" in the metadata test; add it here
// and regenerate (see packages/provider-graph/src/metadata/csdl-subset/SOURCE.md).
import type { CsdlVersion } from "./extract";

const classicPolicies = [
  "deviceConfiguration",
  "windows10GeneralConfiguration",
  "windows10EndpointProtectionConfiguration",
  "windowsUpdateForBusinessConfiguration",
  "iosGeneralDeviceConfiguration",
  "macOSGeneralDeviceConfiguration",
  "androidWorkProfileGeneralDeviceConfiguration",
  "windows10CustomConfiguration",
  "deviceCompliancePolicy",
  "windows10CompliancePolicy",
  "iosCompliancePolicy",
  "androidWorkProfileCompliancePolicy",
  "macOSCompliancePolicy",
  "deviceComplianceScheduledActionForRule",
  "deviceComplianceActionItem",
];

const classicPolicyValues = ["omaSetting", "omaSettingInteger", "windowsFirewallNetworkProfile"];

const classicPolicyEnums = [
  "requiredPasswordType",
  "defenderScanType",
  "automaticUpdateMode",
  "windowsUpdateType",
  "androidWorkProfileRequiredPasswordType",
  "androidWorkProfileCrossProfileDataSharingType",
  "stateManagementSetting",
  "deviceComplianceActionType",
];

export const subsetTypes: Record<CsdlVersion, { entityTypes: string[]; complexTypes: string[]; enumTypes: string[] }> = {
  "v1.0": {
    entityTypes: [...classicPolicies, "managedDevice", "user", "group", "servicePrincipal"],
    complexTypes: classicPolicyValues,
    enumTypes: [
      ...classicPolicyEnums,
      "complianceState",
      "managementAgentType",
      "managedDeviceOwnerType",
      "deviceEnrollmentType",
      "deviceRegistrationState",
    ],
  },
  // Settings catalog policies exist only in beta.
  beta: {
    entityTypes: [...classicPolicies, "deviceManagementConfigurationPolicy", "deviceManagementConfigurationSetting"],
    complexTypes: [
      ...classicPolicyValues,
      "deviceManagementConfigurationSettingInstance",
      "deviceManagementConfigurationChoiceSettingInstance",
      "deviceManagementConfigurationSettingValue",
      "deviceManagementConfigurationChoiceSettingValue",
      "deviceManagementConfigurationSettingInstanceTemplateReference",
      "deviceManagementConfigurationSettingValueTemplateReference",
      "deviceManagementConfigurationPolicyTemplateReference",
    ],
    enumTypes: [
      ...classicPolicyEnums,
      "deviceManagementConfigurationPlatforms",
      "deviceManagementConfigurationTechnologies",
      "deviceManagementConfigurationTemplateFamily",
    ],
  },
};
