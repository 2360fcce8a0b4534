import { NavLink } from "@remix-run/react";

const sections = [
  { to: "/admin", label: "Tenants", end: false, matches: ["/admin", "/admin/t/"] },
  { to: "/admin/operations", label: "Operations", end: false, matches: ["/admin/operations"] },
  { to: "/admin/provider-connections", label: "Provider connections", end: false, matches: ["/admin/provider-connections"] },
  { to: "/admin/onboarding", label: "Onboarding", end: false, matches: ["/admin/onboarding"] },
] as const;

/** Which section a path belongs to: tenant pages count as "Tenants". */
function sectionOf(pathname: string): string | undefined {
  const specific = sections.find((section) => section.to !== "/admin" && pathname.startsWith(section.to));
  if (specific) return specific.to;
  return pathname === "/admin" || pathname === "/admin/" || pathname.startsWith("/admin/t/") ? "/admin" : undefined;
}

export function PrimaryNav({ pathname }: { pathname: string }) {
  const current = sectionOf(pathname);
  return (
    <nav aria-label="Main" className="flex items-center gap-1 overflow-x-auto">
      {sections.map((section) => {
        const active = current === section.to;
        return (
          <NavLink
            key={section.to}
            to={section.to}
            end
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors ${
              active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"
            }`}
          >
            {section.label}
          </NavLink>
        );
      })}
    </nav>
  );
}
