import { z } from "zod";
import type { GraphClient, GraphList } from "../client/graph-client";
import { parseList } from "./graph-shapes";

const ManagedDeviceEntity = z.object({
  id: z.string().min(1),
  deviceName: z.string().nullish(),
  operatingSystem: z.string().nullish(),
  osVersion: z.string().nullish(),
  complianceState: z.string().nullish(),
  managementAgent: z.string().nullish(),
  enrolledDateTime: z.string().nullish(),
  lastSyncDateTime: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  model: z.string().nullish(),
  manufacturer: z.string().nullish(),
  serialNumber: z.string().nullish(),
});

export interface ManagedDevice {
  id: string;
  deviceName: string;
  operatingSystem: string;
  osVersion: string;
  /** compliant | noncompliant | inGracePeriod | conflict | error | unknown | configManager */
  complianceState: string;
  managementAgent?: string;
  enrolledDateTime?: string;
  lastSyncDateTime?: string;
  userPrincipalName?: string;
  model?: string;
  manufacturer?: string;
  serialNumber?: string;
}

const selectedFields = [
  "id",
  "deviceName",
  "operatingSystem",
  "osVersion",
  "complianceState",
  "managementAgent",
  "enrolledDateTime",
  "lastSyncDateTime",
  "userPrincipalName",
  "model",
  "manufacturer",
  "serialNumber",
];

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

export async function listManagedDevices(client: GraphClient, options: { maxPages?: number } = {}): Promise<GraphList<ManagedDevice>> {
  const list = await client.list("deviceManagement/managedDevices", { query: { $select: selectedFields.join(",") }, ...options });
  const parsed = parseList(ManagedDeviceEntity, list, "managed device");
  return {
    ...parsed,
    items: parsed.items.map((device) => ({
      id: device.id,
      deviceName: device.deviceName ?? "",
      operatingSystem: device.operatingSystem ?? "",
      osVersion: device.osVersion ?? "",
      complianceState: device.complianceState ?? "unknown",
      ...optional("managementAgent", device.managementAgent),
      ...optional("enrolledDateTime", device.enrolledDateTime),
      ...optional("lastSyncDateTime", device.lastSyncDateTime),
      ...optional("userPrincipalName", device.userPrincipalName),
      ...optional("model", device.model),
      ...optional("manufacturer", device.manufacturer),
      ...optional("serialNumber", device.serialNumber),
    })),
  };
}
