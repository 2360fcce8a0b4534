import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { loginHref } from "../api/login-href";
import { notFound } from "../api/not-found.server";
import type { SandboxEntra } from "../load-context";
import { buttonClass } from "../shell/page";
import { isUuid } from "@tenantpilot/dispatch-gate/contract";

export const meta: MetaFunction = () => [{ title: "Simulated admin consent · Sandbox Microsoft Entra" }];

/**
 * Sandbox mode's stand-in for Entra's admin-consent prompt (login.microsoftonline.com/{tenant}/
 * adminconsent), which nobody can reach when Microsoft is simulated. Same parameters, same
 * answers: Accept → `redirect_uri?admin_consent=True&tenant=…`, Cancel →
 * `redirect_uri?error=access_denied&error_description=…` (plus `state` when one was sent).
 * Accept records the consent in the installation's consent file, which the worker's sandbox
 * reads on its next token request. The signed-in TenantPilot user stands in for the customer's
 * Global Administrator. In microsoft mode this page does not exist.
 */

interface ConsentRequest {
  microsoftTenantId: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
}

/** Entra's error page for a request it will not answer (it never redirects a bad request). */
interface RequestProblem {
  code: string;
  message: string;
}

type Parsed = { ok: true; request: ConsentRequest } | { ok: false; problem: RequestProblem };

function parseRequest(field: (name: string) => string | null, entra: SandboxEntra): Parsed {
  const microsoftTenantId = field("tenant") ?? "";
  const clientId = field("client_id") ?? "";
  const redirectUri = field("redirect_uri") ?? "";
  if (!isUuid(clientId)) {
    return { ok: false, problem: { code: "AADSTS900144", message: "The request must contain the application (client) id as the parameter 'client_id' (a GUID)." } };
  }
  if (!isUuid(microsoftTenantId)) {
    return { ok: false, problem: { code: "AADSTS90002", message: "The sandbox knows tenants by their Microsoft tenant id: 'tenant' must be a GUID." } };
  }
  let target: URL | null = null;
  try {
    target = new URL(redirectUri);
  } catch {
    target = null;
  }
  if (target === null || !entra.isOwnUrl(target)) {
    return {
      ok: false,
      problem: {
        code: "AADSTS50011",
        message: `The redirect URI '${redirectUri.slice(0, 300)}' does not match the redirect URIs configured for the application: only this app's own pages may receive the answer.`,
      },
    };
  }
  return { ok: true, request: { microsoftTenantId: microsoftTenantId.toLowerCase(), clientId: clientId.toLowerCase(), redirectUri: target.toString(), state: field("state") } };
}

function answerUrl(request: ConsentRequest, answer: Record<string, string>): string {
  const url = new URL(request.redirectUri);
  for (const [name, value] of Object.entries(answer)) url.searchParams.set(name, value);
  if (request.state !== null) url.searchParams.set("state", request.state);
  return url.toString();
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const entra = context.sandboxEntra;
  if (!entra) throw notFound("This page exists only while Microsoft is simulated (TENANTPILOT_PROVIDER=sandbox).");
  const params = new URL(request.url).searchParams;
  const parsed = parseRequest((name) => params.get(name), entra);
  if (!parsed.ok) return data({ problem: parsed.problem, consent: null }, { status: 400 });
  if (!context.viewer) throw redirect(loginHref(request));
  return {
    problem: null,
    consent: { ...parsed.request, requestedPermissions: [...entra.requestedPermissions], signedInAs: context.viewer.user.email },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const entra = context.sandboxEntra;
  if (!entra) throw notFound("This page exists only while Microsoft is simulated (TENANTPILOT_PROVIDER=sandbox).");
  if (!context.viewer) throw redirect(loginHref(request));
  // A page on another site must not answer the prompt on the operator's behalf.
  if (!entra.sameOrigin) throw data({ kind: "forbidden", message: "The answer must come from this app's own consent page." }, { status: 403 });
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : null;
  };
  const parsed = parseRequest(field, entra);
  if (!parsed.ok) return data({ problem: parsed.problem, consent: null }, { status: 400 });

  const answer = form.get("answer");
  if (answer === "accept") {
    await entra.grantAdminConsent({ microsoftTenantId: parsed.request.microsoftTenantId, clientId: parsed.request.clientId });
    throw redirect(answerUrl(parsed.request, { admin_consent: "True", tenant: parsed.request.microsoftTenantId }));
  }
  if (answer === "cancel") {
    throw redirect(answerUrl(parsed.request, { error: "access_denied", error_description: "AADSTS65004: User declined to consent to access the app." }));
  }
  return data({ problem: { code: "invalid_request", message: "Choose Accept or Cancel." }, consent: null }, { status: 400 });
}

export default function SandboxAdminConsent() {
  const loaded = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const problem = refused?.problem ?? loaded.problem;
  const consent = refused ? null : loaded.consent;
  const navigation = useNavigation();
  const answering = navigation.state === "submitting" ? (navigation.formData?.get("answer") ?? null) : null;

  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-lg">
        <div role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <span className="font-semibold">Sandbox Microsoft Entra — simulated admin consent.</span> Microsoft is simulated in this
          installation; no Microsoft service is contacted.
        </div>
        <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="consent-heading">
          {problem ? (
            <div role="alert" className="space-y-2 text-sm">
              <h1 id="consent-heading" className="text-xl font-semibold text-slate-900">
                Sorry, the consent request cannot be answered
              </h1>
              <p className="text-slate-700">{problem.message}</p>
              <p className="font-mono text-xs text-slate-500">{problem.code}</p>
            </div>
          ) : consent ? (
            <>
              <p className="text-sm text-slate-500">Signed in as {consent.signedInAs} (standing in for the tenant&apos;s Global Administrator)</p>
              <h1 id="consent-heading" className="mt-2 text-xl font-semibold text-slate-900">
                Permissions requested — accept for your organization
              </h1>
              <dl className="mt-4 grid grid-cols-1 gap-2 text-sm">
                <div>
                  <dt className="text-slate-500">Application (client) ID</dt>
                  <dd className="font-mono text-xs text-slate-900">{consent.clientId}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Microsoft tenant ID</dt>
                  <dd className="font-mono text-xs text-slate-900">{consent.microsoftTenantId}</dd>
                </div>
              </dl>
              <h2 className="mt-5 text-sm font-semibold text-slate-900">This app would like to (application permissions, admin consent required):</h2>
              <ul className="mt-2 space-y-1" aria-label="Requested permissions">
                {consent.requestedPermissions.map((permission) => (
                  <li key={permission} className="rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-800">
                    {permission}
                  </li>
                ))}
              </ul>
              <p className="mt-4 text-sm text-slate-600">
                Accepting grants these permissions to the app in this tenant. The sandbox&apos;s token endpoint applies the answer on its next
                token request; a connection check then records it.
              </p>
              <Form method="post" className="mt-6 flex justify-end gap-3">
                <input type="hidden" name="tenant" value={consent.microsoftTenantId} />
                <input type="hidden" name="client_id" value={consent.clientId} />
                <input type="hidden" name="redirect_uri" value={consent.redirectUri} />
                {consent.state === null ? null : <input type="hidden" name="state" value={consent.state} />}
                <button type="submit" name="answer" value="cancel" className={buttonClass.secondary} disabled={answering !== null}>
                  Cancel
                </button>
                <button type="submit" name="answer" value="accept" className={buttonClass.primary} disabled={answering !== null}>
                  {answering === "accept" ? "Accepting…" : "Accept"}
                </button>
              </Form>
            </>
          ) : null}
        </section>
      </div>
    </main>
  );
}
