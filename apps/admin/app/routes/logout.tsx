import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { routes } from "@tenantpilot/dispatch-gate/contract";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (!context.viewer) return redirect(routes.login());
  const { headers } = form.get("everywhere") === "1" ? await context.session.logoutEverywhere() : await context.session.logout();
  return redirect(routes.login(), { headers });
}

/** Logging out changes state, so only the form's POST does it; a visit just goes to the login page. */
export function loader() {
  return redirect(routes.login());
}
