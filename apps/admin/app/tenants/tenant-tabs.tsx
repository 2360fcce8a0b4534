import { Link, NavLink } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";

const tabs = [
  { to: routes.tenant, label: "Overview", end: true },
  { to: routes.tenantInventory, label: "Inventory", end: false },
  { to: routes.tenantBackups, label: "Backups", end: false },
  { to: routes.tenantDirectory, label: "Directory", end: false },
  { to: routes.tenantReports, label: "Reports", end: false },
  { to: routes.tenantActivity, label: "Activity", end: false },
] as const satisfies readonly { to: (slug: string) => string; label: string; end: boolean }[];

export function TenantTabs({ slug }: { slug: string }) {
  return (
    // Tabs wrap onto a second line on a phone rather than hide behind a sideways scroll.
    <nav aria-label="Tenant" className="-mb-px flex flex-wrap gap-x-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <NavLink
          key={tab.label}
          to={tab.to(slug)}
          end={tab.end}
          className={({ isActive }) =>
            `whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium ${
              isActive ? "border-slate-900 text-slate-900" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800"
            }`
          }
        >
          {tab.label}
        </NavLink>
      ))}
      <Link
        to={routes.operations({ tenant: slug })}
        className="whitespace-nowrap border-b-2 border-transparent px-3 py-2.5 text-sm font-medium text-slate-500 hover:border-slate-300 hover:text-slate-800"
      >
        Runs
      </Link>
    </nav>
  );
}
