import { redirect } from "@remix-run/node";
import { routes } from "@tenantpilot/dispatch-gate/contract";

/** The product lives under /admin; signed-out visitors are sent on to the login page from there. */
export function loader() {
  return redirect(routes.home());
}
