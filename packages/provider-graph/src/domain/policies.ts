import { z } from "zod";
import type { GraphClient, GraphList } from "../client/graph-client";
import type { GraphVersion } from "../client/graph-urls";
import { isProviderError } from "../errors/provider-error";
import { parseGraph, parseList } from "./graph-shapes";
import { writablePayload } from "./writable-payload";

interface PolicyTypeDefinition {
  label: string;
  /**
   * The version read and written. Classic policies use beta, as the Intune portal does: only beta
   * declares their scope tags (roleScopeTagIds) and the settings v1.0 lags behind on (ADR 013).
   */
  version: GraphVersion;
  collection: string;
  /** The collection's type in Microsoft's metadata. */
  entityType: string;
  /** Settings catalog policies are named by `name`, the classic ones by `displayName`. */
  nameField: "displayName" | "name";
  /** Settings catalog policies are replaced with PUT (settings included); classic ones patched. */
  updateMethod: "PATCH" | "PUT";
  /** What a full payload needs expanded beyond the entity itself. */
  expand?: string;
}

export const policyTypes = {
  deviceConfiguration: {
    label: "Device configuration",
    version: "beta",
    collection: "deviceManagement/deviceConfigurations",
    entityType: "deviceConfiguration",
    nameField: "displayName",
    updateMethod: "PATCH",
  },
  compliancePolicy: {
    label: "Compliance policy",
    version: "beta",
    collection: "deviceManagement/deviceCompliancePolicies",
    entityType: "deviceCompliancePolicy",
    nameField: "displayName",
    updateMethod: "PATCH",
    expand: "scheduledActionsForRule($expand=scheduledActionConfigurations)",
  },
  settingsCatalog: {
    label: "Settings catalog policy",
    version: "beta",
    collection: "deviceManagement/configurationPolicies",
    entityType: "deviceManagementConfigurationPolicy",
    nameField: "name",
    updateMethod: "PUT",
    expand: "settings",
  },
} as const satisfies Record<string, PolicyTypeDefinition>;

export type PolicyType = keyof typeof policyTypes;
export const policyTypeIds = Object.keys(policyTypes) as PolicyType[];

export interface PolicySummary {
  policyType: PolicyType;
  id: string;
  displayName: string;
  /** `#microsoft.graph.windows10GeneralConfiguration` etc.; absent for settings catalog policies. */
  odataType?: string;
  description?: string;
  platform?: string;
  lastModifiedDateTime?: string;
  version?: number;
}

export interface PolicyPayload extends PolicySummary {
  /** The entity as Graph returned it (with expansions): what a backup keeps and a restore writes back. */
  payload: Record<string, unknown>;
  /** The API version the payload was read through: the metadata that describes it. */
  graphVersion: GraphVersion;
}

const PolicyEntity = z.looseObject({
  id: z.string().min(1),
  "@odata.type": z.string().optional(),
  displayName: z.string().optional(),
  name: z.string().optional(),
  description: z.string().nullish(),
  lastModifiedDateTime: z.string().optional(),
  version: z.number().optional(),
  platforms: z.string().optional(),
});
type PolicyEntity = z.infer<typeof PolicyEntity>;

function platformOf(entity: PolicyEntity): string | undefined {
  if (entity.platforms) return entity.platforms;
  const type = entity["@odata.type"]?.replace("#microsoft.graph.", "") ?? "";
  const match = /^(windows10|windows81|windowsPhone81|ios|macOS|androidWorkProfile|androidDeviceOwner|android|aosp)/i.exec(type);
  return match?.[1];
}

function summaryOf(policyType: PolicyType, entity: PolicyEntity): PolicySummary {
  const definition = policyTypes[policyType];
  const displayName = (definition.nameField === "name" ? entity.name : entity.displayName) ?? entity.displayName ?? entity.name ?? entity.id;
  const platform = platformOf(entity);
  return {
    policyType,
    id: entity.id,
    displayName,
    ...(entity["@odata.type"] === undefined ? {} : { odataType: entity["@odata.type"] }),
    ...(entity.description ? { description: entity.description } : {}),
    ...(platform === undefined ? {} : { platform }),
    ...(entity.lastModifiedDateTime === undefined ? {} : { lastModifiedDateTime: entity.lastModifiedDateTime }),
    ...(entity.version === undefined ? {} : { version: entity.version }),
  };
}

export async function listPolicies(
  client: GraphClient,
  policyType: PolicyType,
  options: { maxPages?: number } = {},
): Promise<GraphList<PolicySummary>> {
  const definition = policyTypes[policyType];
  const list = await client.list(definition.collection, { version: definition.version, ...options });
  const parsed = parseList(PolicyEntity, list, `${definition.label} entry`);
  return { ...parsed, items: parsed.items.map((entity) => summaryOf(policyType, entity)) };
}

/** All three policy families, one after another (Graph throttles Intune per tenant anyway). */
export async function listAllPolicies(
  client: GraphClient,
  options: { maxPages?: number } = {},
): Promise<GraphList<PolicySummary>> {
  const result: GraphList<PolicySummary> = { items: [], pages: 0, truncated: false };
  for (const policyType of policyTypeIds) {
    const list = await listPolicies(client, policyType, options);
    result.items.push(...list.items);
    result.pages += list.pages;
    result.truncated ||= list.truncated;
  }
  return result;
}

/** One policy's full payload, or null when it no longer exists in the tenant. */
export async function getPolicy(client: GraphClient, policyType: PolicyType, id: string): Promise<PolicyPayload | null> {
  const definition: PolicyTypeDefinition = policyTypes[policyType];
  try {
    const body = await client.get(`${definition.collection}/${encodeURIComponent(id)}`, {
      version: definition.version,
      ...(definition.expand === undefined ? {} : { query: { $expand: definition.expand } }),
    });
    const entity = parseGraph(PolicyEntity, body, definition.label);
    const { "@odata.context": _context, ...payload } = entity as Record<string, unknown>;
    return { ...summaryOf(policyType, entity), payload, graphVersion: definition.version };
  } catch (error) {
    if (isProviderError(error) && error.reason === "target_not_found") return null;
    throw error;
  }
}

const CreatedEntity = PolicyEntity;

export interface WriteOptions {
  /**
   * The version to write through: the one the payload was captured from (a backup taken before
   * classic policies moved to beta holds v1.0 payloads). Default: the policy type's version.
   */
  version?: GraphVersion;
}

export async function createPolicy(
  client: GraphClient,
  policyType: PolicyType,
  payload: Record<string, unknown>,
  options: WriteOptions = {},
): Promise<PolicySummary> {
  const definition = policyTypes[policyType];
  const version = options.version ?? definition.version;
  const body = writablePayload(payload, { version, type: definition.entityType, method: "POST" });
  const created = await client.post(definition.collection, body, { version });
  return summaryOf(policyType, parseGraph(CreatedEntity, created, `created ${definition.label}`));
}

export async function updatePolicy(
  client: GraphClient,
  policyType: PolicyType,
  id: string,
  payload: Record<string, unknown>,
  options: WriteOptions = {},
): Promise<void> {
  const definition: PolicyTypeDefinition = policyTypes[policyType];
  const version = options.version ?? definition.version;
  const path = `${definition.collection}/${encodeURIComponent(id)}`;
  const body = writablePayload(payload, { version, type: definition.entityType, method: definition.updateMethod });
  if (definition.updateMethod === "PUT") await client.put(path, body, { version });
  else await client.patch(path, body, { version });
}

export interface RestoreOutcome {
  action: "updated" | "created";
  id: string;
}

/**
 * Writes a captured policy back: over the policy it was captured from when that still exists,
 * otherwise as a new policy (Graph assigns a new id).
 */
export async function restorePolicy(
  client: GraphClient,
  policyType: PolicyType,
  payload: Record<string, unknown>,
  options: { targetId?: string } & WriteOptions = {},
): Promise<RestoreOutcome> {
  const write = options.version === undefined ? {} : { version: options.version };
  if (options.targetId !== undefined) {
    try {
      await updatePolicy(client, policyType, options.targetId, payload, write);
      return { action: "updated", id: options.targetId };
    } catch (error) {
      if (!(isProviderError(error) && error.reason === "target_not_found")) throw error;
    }
  }
  const created = await createPolicy(client, policyType, payload, write);
  return { action: "created", id: created.id };
}
