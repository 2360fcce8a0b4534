import { formText } from "../api/form-field";
import { data, type AppLoadContext } from "@remix-run/node";
import { isUuid, routes, type Capability, type TenantsSearch } from "@tenantpilot/dispatch-gate/contract";
import { attempt, load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import { confirmBulk, previewBulk } from "../bulk/bulk-action.server";
import { HOME_PAGE_SIZE, homeFilter, homeReadinessOperation, homeSearch } from "./home-search";
import { homeRow } from "./home-rows";
import { isTagIntent, tagAction, type NoticeReply } from "./tag-actions.server";

/**
 * The workspace the home shows: the one the URL names, else the viewer's first. A named workspace the viewer is
 * not in is not found (as on the activity and settings pages): showing the first one under another's name let
 * a bulk start from a stale link run over the wrong workspace's tenants.
 */
function workspaceOf(context: AppLoadContext, search: TenantsSearch) {
  const workspaces = context.viewer?.workspaces ?? [];
  if (search.workspace === undefined) return workspaces[0] ?? null;
  const named = search.workspace.toLowerCase();
  const workspace = workspaces.find((candidate) => candidate.slug === named);
  if (!workspace) throw notFound("No such workspace.");
  return workspace;
}

/**
 * The home's URL state. A tag the URL names is an id like any other: a malformed one is the 404 a
 * deleted or foreign tag gets from tenants.list. Dropped, it widened the list, and "select all
 * matching" with it, to every tenant of the workspace.
 */
function homeSearchOf(request: Request): TenantsSearch {
  const search = homeSearch.parse(new URL(request.url).searchParams);
  if (search.tag?.some((tag) => !isUuid(tag))) throw notFound("No such tag.");
  return search;
}

/**
 * The home's data: the workspace's counts (tenants.summary, readiness for the URL's operation), one
 * keyset page of its tenants (tenants.list, the URL's filter) and its tags — three procedures whatever the workspace size.
 * Rows are cut to what the page shows.
 */
export async function homeData(request: Request, context: AppLoadContext) {
  const search = homeSearchOf(request);
  const workspaces = (context.viewer?.workspaces ?? []).map(({ slug, name }) => ({ slug, name }));
  const workspace = workspaceOf(context, search);
  if (workspace === null) return { search, workspace: null, workspaces, home: null };
  const [summary, tags, page] = await Promise.all([
    load(request, context.api.tenants.summary({ workspace: workspace.slug, readiness: homeReadinessOperation(search) })),
    load(request, context.api.tags.list({ workspace: workspace.slug })),
    attempt(
      request,
      context.api.tenants.list({
        workspace: workspace.slug,
        filter: homeFilter(search),
        sort: search.sort ?? "name",
        limit: HOME_PAGE_SIZE,
        ...(search.cursor ? { cursor: search.cursor } : {}),
      }),
    ),
  ]);
  const [list] = pagesOrFirstPage([page], { paged: homeSearch.paged(search), firstPage: routes.home(homeSearch.next(search)) });
  const can = (capability: Capability) => workspace.capabilities.includes(capability);
  return {
    search,
    workspace: { slug: workspace.slug, name: workspace.name },
    workspaces,
    home: {
      summary: { tenants: summary.tenants, readiness: summary.readiness, running: summary.running, failedLast24h: summary.failedLast24h, secretExpiry: summary.secretExpiry },
      tags,
      rows: list.items.map(homeRow),
      nextCursor: list.nextCursor,
      can: {
        onboard: can("onboarding.manage"),
        start: can("operations.start"),
        manageTags: can("tags.manage"),
      },
    },
  };
}

/** The home's forms: bulk preview and confirm, tag changes, unarchive. */
export async function homeAction(request: Request, context: AppLoadContext) {
  const form = await request.formData();
  const intent = form.get("intent");
  const workspace = workspaceOf(context, homeSearchOf(request));
  if (workspace === null) throw data("You are not a member of any workspace.", { status: 404 });
  if (intent === "preview") return previewBulk(request, context, workspace.slug, form);
  if (intent === "confirm") return confirmBulk(request, context, workspace.slug, form);
  if (isTagIntent(intent)) return tagAction(request, context, workspace.slug, intent, form);
  if (intent === "unarchive") {
    const tenant = formText(form, "tenant");
    await load(request, context.api.tenants.unarchive({ tenant }));
    return { kind: "notice", ok: true, message: "Tenant unarchived." } satisfies NoticeReply;
  }
  throw data("Unknown form.", { status: 400 });
}
