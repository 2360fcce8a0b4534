import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "../routes/admin.t.$tenant";

/** The tenant layout's data, for the pages inside it (they render only after it loaded). */
export function useTenant() {
  const data = useRouteLoaderData<typeof loader>("routes/admin.t.$tenant");
  if (!data) throw new Error("useTenant is used outside /admin/t/:tenant");
  return data;
}
