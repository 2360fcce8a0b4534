import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { TimeStamp } from "@tenantpilot/ui";
import { load } from "../api/api-call.server";
import { stepLabel } from "../onboarding/onboarding-steps";
import { Card, EmptyState, PageHeader, buttonClass } from "../shell/page";
import { routes } from "@tenantpilot/dispatch-gate/contract";

export const meta: MetaFunction = () => [{ title: "Onboarding · TenantPilot Gate" }];

function onboardingWorkspaces(context: LoaderFunctionArgs["context"]) {
  return (context.viewer?.workspaces ?? []).filter((workspace) => workspace.capabilities.includes("onboarding.manage"));
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const workspaces = onboardingWorkspaces(context);
  const drafts = (
    await Promise.all(
      workspaces.map(async (workspace) =>
        (await load(request, context.api.onboarding.list({ workspace: workspace.id }))).map((draft) => ({ ...draft, workspaceName: workspace.name })),
      ),
    )
  ).flat();
  return { workspaces: workspaces.map(({ id, name }) => ({ id, name })), drafts };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const workspace = String(form.get("workspace") ?? "");
  const draft = await load(request, context.api.onboarding.create({ workspace }));
  throw redirect(routes.onboardingDraft(draft.id));
}

export default function Onboarding() {
  const { workspaces, drafts } = useLoaderData<typeof loader>();
  const starting = useNavigation().state === "submitting";
  const [only] = workspaces;

  const startForm =
    workspaces.length === 0 ? null : (
      <Form method="post" className="flex items-center gap-2">
        {workspaces.length === 1 && only ? (
          <input type="hidden" name="workspace" value={only.id} />
        ) : (
          <select name="workspace" aria-label="Workspace" className="rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300">
            {workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        )}
        <button type="submit" className={buttonClass.primary} disabled={starting}>
          {starting ? "Starting…" : "Onboard a new tenant"}
        </button>
      </Form>
    );

  return (
    <>
      <PageHeader
        title="Onboarding"
        description="Connect a customer's Microsoft tenant: its details, a provider connection with admin consent, a verified connection check, and the first inventory sync. Drafts keep your progress."
        actions={startForm}
      />
      {workspaces.length === 0 ? (
        <EmptyState title="Onboarding needs a manager or owner">Your role in this workspace does not onboard tenants.</EmptyState>
      ) : (
        <Card title="Drafts in progress">
          {drafts.length === 0 ? (
            <EmptyState title="No onboarding in progress">Start one with “Onboard a new tenant”.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {drafts.map((draft) => (
                <li key={draft.id} className="flex flex-wrap items-center justify-between gap-4 py-3" data-draft={draft.id}>
                  <div className="min-w-0">
                    <p className="text-sm font-semibold text-slate-900">{draft.tenant?.displayName ?? "New tenant (details not entered yet)"}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      At “{stepLabel(draft.step)}” · started by {draft.createdBy.displayName} · updated <TimeStamp value={draft.updatedAt} />
                      {workspaces.length > 1 ? ` · ${draft.workspaceName}` : ""}
                    </p>
                  </div>
                  <Link to={routes.onboardingDraft(draft.id)} className={buttonClass.secondary} aria-label={`Resume onboarding of ${draft.tenant?.displayName ?? "new tenant"}`}>
                    Resume
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}
