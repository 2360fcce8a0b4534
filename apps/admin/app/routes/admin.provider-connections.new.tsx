import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { attempt } from "../api/api-call.server";
import { tenantChoices } from "../lists/tenant-choices.server";
import { TenantFindForm, TenantPicker } from "../lists/tenant-picker";
import { secretExpiryFrom } from "../connections/secret-expiry-input";
import { ProblemBanner, TextField } from "../shell/form-field";
import { Card, EmptyState, PageHeader, buttonClass } from "../shell/page";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { formText, formTrimmed } from "../api/form-field";

export const meta: MetaFunction = () => [{ title: "Add a provider connection · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const wanted = url.searchParams.get("tenant");
  const find = url.searchParams.get("find")?.trim() || undefined;
  // The tenant a page sent us here for (its "Add a provider connection") is offered even past the first 200 by name;
  // any other is found by the picker's text (?find=).
  const choices = await tenantChoices(request, context.api, { named: wanted, find });
  const tenants = choices.tenants.filter((tenant) => tenant.capabilities.includes("connections.manage"));
  // One tenant found is the one meant.
  const selected = tenants.find((tenant) => tenant.slug === wanted)?.slug ?? (find !== undefined && tenants.length === 1 ? tenants[0]!.slug : null);
  const canAdd = (context.viewer?.workspaces ?? []).some((workspace) => workspace.capabilities.includes("connections.manage"));
  return { tenants: tenants.map(({ slug, displayName }) => ({ slug, displayName })), selected, more: choices.more, find: find ?? null, canAdd };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const text = (name: string) => formTrimmed(form, name);
  const expiry = secretExpiryFrom(form.get("secretExpiresAt"));
  const values = { tenant: text("tenant"), displayName: text("displayName"), clientId: text("clientId") };
  if (expiry === "invalid") {
    return { values, problem: { message: "Please correct the highlighted fields.", fieldErrors: { secretExpiresAt: ["is not a date"] } } };
  }
  const secret = formText(form, "clientSecret");
  const created = await attempt(
    request,
    context.api.connections.create({
      tenant: values.tenant,
      displayName: values.displayName,
      clientId: values.clientId,
      ...(secret === "" ? {} : { clientSecret: secret }),
      ...(expiry ? { secretExpiresAt: expiry } : {}),
      ...(form.get("makePrimary") === "on" ? { makePrimary: true } : {}),
    }),
  );
  if (!created.ok) return { values, problem: created.problem };
  throw redirect(routes.connection(created.value.id));
}

export default function NewConnection() {
  const { tenants, selected, more, find, canAdd } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors = (field: string) => reply?.problem.fieldErrors[field];
  const chosen = reply?.values.tenant ?? selected ?? "";

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Provider connections", to: routes.connections() }, { label: "New" }]}
        title="Add a provider connection"
        description="Register an app in the customer's Microsoft Entra ID, give it the Microsoft Graph application permissions the operations need, and enter its client ID and secret here."
      />
      {!canAdd || (tenants.length === 0 && find === null) ? (
        <EmptyState title="No tenant you can add connections to">Your role does not manage provider connections.</EmptyState>
      ) : (
        <Card className="max-w-2xl">
          <TenantFindForm id="tenant-find" />
          <Form method="post" className="space-y-4" autoComplete="off">
            <ProblemBanner problem={reply?.problem} />
            <TenantPicker label="Tenant" name="tenant" tenants={tenants} value={chosen} empty={{ label: "Choose a tenant", disabled: true }} more={more} find={find ?? undefined} findForm="tenant-find" />
            <TextField label="Name" name="displayName" required defaultValue={reply?.values.displayName} placeholder="Contoso — Graph app" errors={errors("displayName")} />
            <TextField label="Application (client) ID" name="clientId" required defaultValue={reply?.values.clientId} spellCheck={false}
              placeholder="00000000-0000-0000-0000-000000000000" errors={errors("clientId")} />
            <TextField label="Client secret" name="clientSecret" type="password" autoComplete="new-password" errors={errors("clientSecret")}
              hint="Stored encrypted; it is never shown again." />
            <TextField label="Secret expires on" name="secretExpiresAt" type="date" errors={errors("secretExpiresAt")} />
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="makePrimary" className="size-4 rounded border-slate-300" />
              Make it the tenant&apos;s primary connection now
            </label>
            <button type="submit" className={buttonClass.primary} disabled={submitting}>
              {submitting ? "Adding…" : "Add connection"}
            </button>
          </Form>
        </Card>
      )}
    </>
  );
}
