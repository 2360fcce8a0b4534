import { auditActions, dayEnd, dayStart, isUuid, type WorkspaceActivitySearch } from "@tenantpilot/dispatch-gate/contract";
import { filterKey, isoDate, listSearch, oneOf, pageCursor, searchText, type SearchField } from "../lists/list-search";

/** An actor as activity.list takes it: a member's user id, or "system"; anything else reads as absent. */
function actorKey(): SearchField<string> {
  return {
    read: (params, key) => {
      const value = params.get(key)?.trim();
      return value === "system" || (value !== undefined && isUuid(value)) ? value : undefined;
    },
  };
}

/** The workspace activity's state in its URL (`routes.activity`): workspace, tenant, actor, action, date range, page. */
export const activitySearch = listSearch<WorkspaceActivitySearch>(
  {
    workspace: filterKey(),
    tenant: filterKey(),
    find: searchText(),
    actor: actorKey(),
    action: oneOf(auditActions),
    from: isoDate(),
    to: isoDate(),
    cursor: pageCursor(),
  },
  { pages: ["cursor"] },
);

export const ACTIVITY_PAGE_SIZE = 50;

/** activity.list's input for the page's state in `workspace` (the one the page settled on). */
export function activityListInput(search: WorkspaceActivitySearch, workspace: string) {
  return {
    workspace,
    ...(search.tenant ? { tenant: search.tenant } : {}),
    ...(search.actor ? { actor: search.actor } : {}),
    ...(search.action ? { action: search.action } : {}),
    ...(search.from ? { from: dayStart(search.from) } : {}),
    ...(search.to ? { to: dayEnd(search.to) } : {}),
    ...(search.cursor ? { cursor: search.cursor } : {}),
    limit: ACTIVITY_PAGE_SIZE,
  };
}
