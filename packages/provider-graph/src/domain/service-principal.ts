import { z } from "zod";
import type { GraphClient } from "../client/graph-client";
import { parseGraph } from "./graph-shapes";

const ServicePrincipalEntity = z.object({
  id: z.string().min(1),
  appId: z.string(),
  displayName: z.string().nullish(),
  appOwnerOrganizationId: z.string().nullish(),
  servicePrincipalType: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
});

const ServicePrincipalPage = z.object({ value: z.array(ServicePrincipalEntity) });

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  /** The tenant that registered the app; differs from the customer tenant for multi-tenant apps. */
  appOwnerOrganizationId?: string;
  servicePrincipalType: string;
  accountEnabled: boolean;
}

/**
 * The connection's own service principal in the customer tenant (what admin consent created),
 * or null when there is none. Needs Application.Read.All.
 */
export async function getServicePrincipal(client: GraphClient): Promise<ServicePrincipal | null> {
  const body = await client.get("servicePrincipals", {
    query: {
      $filter: `appId eq '${client.clientId.replace(/'/g, "''")}'`,
      $select: "id,appId,displayName,appOwnerOrganizationId,servicePrincipalType,accountEnabled",
    },
  });
  const entity = parseGraph(ServicePrincipalPage, body, "service principal listing").value[0];
  if (!entity) return null;
  return {
    id: entity.id,
    appId: entity.appId,
    displayName: entity.displayName ?? entity.appId,
    servicePrincipalType: entity.servicePrincipalType ?? "Application",
    accountEnabled: entity.accountEnabled ?? true,
    ...(entity.appOwnerOrganizationId ? { appOwnerOrganizationId: entity.appOwnerOrganizationId } : {}),
  };
}
