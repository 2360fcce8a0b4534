import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { load } from "../api/api-call.server";
import { stepLabel } from "../onboarding/onboarding-steps";
import { Card, EmptyState, PageHeader, buttonClass } from "../shell/page";
import { formText } from "../api/form-field";

export const meta: MetaFunction = () => [{ title: "Onboarding · TenantPilot Gate" }];

function onboardingWorkspaces(context: LoaderFunctionArgs["context"]) {
  return (context.viewer?.workspaces ?? []).filter((workspace) => workspace.capabilities.includes("onboarding.manage"));
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const workspaces = onboardingWorkspaces(context);
  // Every tenant still onboarding, with its draft or none yet (the first page of each workspace's list).
  const onboardings = (
    await Promise.all(
      workspaces.map(async (workspace) =>
        (await load(request, context.api.onboarding.list({ workspace: workspace.id, limit: 100 }))).items.map((item) => ({ ...item, workspaceName: workspace.name })),
      ),
    )
  ).flat();
  return { workspaces: workspaces.map(({ id, name }) => ({ id, name })), onboardings };
}

/** Resume: the tenant's open draft, or a new one at the step its state allows. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const draft = await load(request, context.api.onboarding.resume({ tenant: formText(form, "tenant") }));
  throw redirect(routes.onboardingDraft(draft.id));
}

export default function Onboarding() {
  const { workspaces, onboardings } = useLoaderData<typeof loader>();
  const resuming = useNavigation().state === "submitting";
  const [only] = workspaces;

  // Opening the wizard writes nothing: the draft is made by its first save.
  const startForm =
    workspaces.length === 0 ? null : (
      <Form method="get" action={routes.onboardingNew()} className="flex items-center gap-2">
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
        <button type="submit" className={buttonClass.primary}>
          Onboard a new tenant
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
        <Card title="Onboarding in progress">
          {onboardings.length === 0 ? (
            <EmptyState title="No onboarding in progress">Start one with “Onboard a new tenant”.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {onboardings.map(({ tenant, draft, workspaceName }) => (
                <li key={tenant.id} className="flex flex-wrap items-center justify-between gap-4 py-3" data-onboarding={tenant.slug}>
                  <div className="min-w-0">
                    <p className="text-sm font-semibold text-slate-900">{tenant.displayName}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {draft ? (
                        <>
                          At “{stepLabel(draft.step)}” · started by {draft.createdBy.displayName} · updated <TimeStamp value={draft.updatedAt} />
                        </>
                      ) : (
                        "Not finished; no wizard open"
                      )}
                      {workspaces.length > 1 ? ` · ${workspaceName}` : ""}
                    </p>
                  </div>
                  {draft ? (
                    <Link to={routes.onboardingDraft(draft.id)} className={buttonClass.secondary} aria-label={`Resume onboarding of ${tenant.displayName}`}>
                      Resume
                    </Link>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="tenant" value={tenant.slug} />
                      <button type="submit" className={buttonClass.secondary} disabled={resuming} aria-label={`Resume onboarding of ${tenant.displayName}`}>
                        Resume
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}
