import { Link, NavLink } from "@remix-run/react";

const tabs = [
  { to: "", label: "Overview", end: true },
  { to: "inventory", label: "Inventory", end: false },
  { to: "backups", label: "Backups", end: false },
  { to: "directory", label: "Directory", end: false },
  { to: "reports", label: "Reports", end: false },
  { to: "activity", label: "Activity", end: false },
] as const;

export function TenantTabs({ slug }: { slug: string }) {
  const base = `/admin/t/${slug}`;
  return (
    <nav aria-label="Tenant" className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <NavLink
          key={tab.label}
          to={tab.to === "" ? base : `${base}/${tab.to}`}
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
        to={`/admin/operations?tenant=${encodeURIComponent(slug)}`}
        className="whitespace-nowrap border-b-2 border-transparent px-3 py-2.5 text-sm font-medium text-slate-500 hover:border-slate-300 hover:text-slate-800"
      >
        Runs
      </Link>
    </nav>
  );
}
