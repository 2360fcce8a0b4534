import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { safeRedirect } from "../api/login-href";
import { buttonClass } from "../shell/page";
import { TextField } from "../shell/form-field";
import { formText, formTrimmed } from "../api/form-field";

export const meta: MetaFunction = () => [{ title: "Log in · TenantPilot Gate" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  if (context.viewer) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

type LoginProblem = { email: string; message: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = formTrimmed(form, "email");
  const password = formText(form, "password");
  if (email === "" || password === "") {
    return data<LoginProblem>({ email, message: "Enter your email and password." }, { status: 400 });
  }
  const outcome = await context.session.login({ email, password });
  if (outcome.ok) throw redirect(safeRedirect(form.get("redirectTo")), { headers: outcome.headers });
  if (outcome.error === "throttled") {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    const wait = outcome.retryAfterSeconds < 90 ? `${outcome.retryAfterSeconds} seconds` : `${minutes} minutes`;
    return data<LoginProblem>(
      { email, message: `Too many login attempts. Try again in ${wait}.` },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  return data<LoginProblem>({ email, message: "Invalid email or password." }, { status: 401 });
}

export default function Login() {
  const problem = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span aria-hidden="true" className="inline-flex size-10 items-center justify-center rounded-lg bg-slate-900 text-sm font-bold text-white">
            TP
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">TenantPilot Gate</h1>
          <p className="mt-1 text-sm text-slate-600">Log in to manage your customers&apos; Microsoft tenants.</p>
        </div>
        <Form method="post" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          {problem ? (
            <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
              {problem.message}
            </div>
          ) : null}
          <TextField label="Email" name="email" type="email" autoComplete="username" required defaultValue={problem?.email} autoFocus={!problem} spellCheck={false} />
          <TextField label="Password" name="password" type="password" autoComplete="current-password" required autoFocus={problem !== undefined} />
          <button type="submit" className={`${buttonClass.primary} w-full`} disabled={submitting}>
            {submitting ? "Logging in…" : "Log in"}
          </button>
        </Form>
      </div>
    </main>
  );
}
