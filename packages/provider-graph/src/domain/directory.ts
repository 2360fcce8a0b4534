import { z } from "zod";
import type { GraphClient, GraphList } from "../client/graph-client";
import { parseList } from "./graph-shapes";

const UserEntity = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  userPrincipalName: z.string(),
  mail: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
  jobTitle: z.string().nullish(),
  department: z.string().nullish(),
});

const GroupEntity = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  mail: z.string().nullish(),
  mailEnabled: z.boolean().nullish(),
  securityEnabled: z.boolean().nullish(),
  groupTypes: z.array(z.string()).nullish(),
});

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  accountEnabled: boolean;
  jobTitle?: string;
  department?: string;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  description?: string;
  mail?: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  /** ["Unified"] for Microsoft 365 groups, ["DynamicMembership"] for dynamic ones. */
  groupTypes: string[];
}

const userFields = ["id", "displayName", "userPrincipalName", "mail", "accountEnabled", "jobTitle", "department"];
const groupFields = ["id", "displayName", "description", "mail", "mailEnabled", "securityEnabled", "groupTypes"];

export async function listUsers(client: GraphClient, options: { maxPages?: number } = {}): Promise<GraphList<DirectoryUser>> {
  const list = await client.list("users", { query: { $select: userFields.join(","), $top: 999 }, ...options });
  const parsed = parseList(UserEntity, list, "user");
  return {
    ...parsed,
    items: parsed.items.map((user) => ({
      id: user.id,
      displayName: user.displayName ?? user.userPrincipalName,
      userPrincipalName: user.userPrincipalName,
      accountEnabled: user.accountEnabled ?? true,
      ...(user.mail ? { mail: user.mail } : {}),
      ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
      ...(user.department ? { department: user.department } : {}),
    })),
  };
}

export async function listGroups(client: GraphClient, options: { maxPages?: number } = {}): Promise<GraphList<DirectoryGroup>> {
  const list = await client.list("groups", { query: { $select: groupFields.join(","), $top: 999 }, ...options });
  const parsed = parseList(GroupEntity, list, "group");
  return {
    ...parsed,
    items: parsed.items.map((group) => ({
      id: group.id,
      displayName: group.displayName ?? group.id,
      mailEnabled: group.mailEnabled ?? false,
      securityEnabled: group.securityEnabled ?? false,
      groupTypes: group.groupTypes ?? [],
      ...(group.description ? { description: group.description } : {}),
      ...(group.mail ? { mail: group.mail } : {}),
    })),
  };
}
