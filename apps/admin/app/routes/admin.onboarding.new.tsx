import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { attempt } from "../api/api-call.server";
import { forbidden } from "../api/forbidden.server";
import { notFound } from "../api/not-found.server";
import type { FormProblem } from "../api/page-error";
import { ProblemBanner, TextField } from "../shell/form-field";
import { Card, PageHeader, buttonClass } from "../shell/page";
import { formTrimmed } from "../api/form-field";

export const meta: MetaFunction = () => [{ title: "Onboard a new tenant · TenantPilot Gate" }];

/**
 * The workspace to onboard into: the one named (?workspace=), else the viewer's only one that
 * onboards (else their only one). Not a member: 404; a member whose role does not onboard: 403.
 */
function workspaceOf(request: Request, context: LoaderFunctionArgs["context"]) {
  const wanted = new URL(request.url).searchParams.get("workspace");
  const memberOf = context.viewer?.workspaces ?? [];
  const onboards = memberOf.filter((workspace) => workspace.capabilities.includes("onboarding.manage"));
  const workspace =
    wanted === null ? (onboards.length === 1 ? onboards[0] : memberOf.length === 1 ? memberOf[0] : undefined) : memberOf.find((candidate) => candidate.id === wanted);
  if (!workspace) throw notFound("No such workspace.");
  if (!workspace.capabilities.includes("onboarding.manage")) throw forbidden("Your role does not onboard tenants.");
  return workspace;
}

/** The wizard's first step. Nothing is written until it is saved: the draft is made by that save. */
export function loader({ request, context }: LoaderFunctionArgs) {
  const { id, name } = workspaceOf(request, context);
  return { workspace: { id, name } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const workspace = workspaceOf(request, context);
  const form = await request.formData();
  const values = {
    displayName: formTrimmed(form, "displayName"),
    slug: formTrimmed(form, "slug"),
    microsoftTenantId: formTrimmed(form, "microsoftTenantId"),
  };
  const saved = await attempt(request, context.api.onboarding.begin({ workspace: workspace.id, tenant: values }));
  if (!saved.ok) return { problem: saved.problem, values } satisfies { problem: FormProblem; values: Record<string, string> };
  throw redirect(routes.onboardingDraft(saved.value.id));
}

export default function NewOnboarding() {
  const { workspace } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const errors = (field: string) => reply?.problem.fieldErrors[`tenant.${field}`];
  return (
    <>
      <PageHeader crumbs={[{ label: "Onboarding", to: routes.onboarding() }, { label: "New tenant" }]} title="Onboard a new tenant" description={workspace.name} />
      <div className="max-w-3xl">
        <Card title="Tenant details" description="How the tenant is named here, and which Microsoft Entra tenant it is. Saving starts the onboarding.">
          <Form method="post" className="space-y-4">
            <ProblemBanner problem={reply?.problem} />
            <TextField label="Display name" name="displayName" required defaultValue={reply?.values.displayName} placeholder="Fabrikam Ltd" errors={errors("displayName")} />
            <TextField label="Short name (used in addresses)" name="slug" required defaultValue={reply?.values.slug} placeholder="fabrikam"
              hint="Lowercase letters, digits and hyphens." spellCheck={false} errors={errors("slug")} />
            <TextField label="Microsoft Entra tenant ID" name="microsoftTenantId" required defaultValue={reply?.values.microsoftTenantId}
              placeholder="00000000-0000-0000-0000-000000000000" spellCheck={false} hint="Entra admin center → Overview → Tenant ID." errors={errors("microsoftTenantId")} />
            <button type="submit" className={buttonClass.primary} disabled={saving}>
              {saving ? "Saving…" : "Save and continue"}
            </button>
          </Form>
        </Card>
      </div>
    </>
  );
}
