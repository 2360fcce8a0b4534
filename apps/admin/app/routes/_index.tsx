import { redirect } from "@remix-run/node";

/** The product lives under /admin; signed-out visitors are sent on to the login page from there. */
export function loader() {
  return redirect("/admin");
}
