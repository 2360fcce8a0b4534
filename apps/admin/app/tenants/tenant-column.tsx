import { Link } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import type { Column } from "../lists/data-table";

/** A list's "Tenant" column: the tenant's name, linking to its page. */
export function tenantColumn<Row>(tenantOf: (row: Row) => { slug: string; displayName: string }): Column<Row> {
  return {
    key: "tenant",
    header: "Tenant",
    cell: (row) => (
      <Link to={routes.tenant(tenantOf(row).slug)} className="text-slate-700 hover:underline">
        {tenantOf(row).displayName}
      </Link>
    ),
  };
}
