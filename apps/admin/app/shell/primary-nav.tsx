import { NavLink } from "@remix-run/react";
import { routes, sectionOf } from "@tenantpilot/dispatch-gate/contract";

const sections = [
  { section: "home", to: routes.home(), label: "Tenants" },
  { section: "operations", to: routes.operations(), label: "Operations" },
  { section: "activity", to: routes.activity(), label: "Activity" },
  { section: "connections", to: routes.connections(), label: "Provider connections" },
  { section: "onboarding", to: routes.onboarding(), label: "Onboarding" },
  { section: "settings", to: routes.settings(), label: "Settings" },
] as const satisfies readonly { section: ReturnType<typeof sectionOf>; to: string; label: string }[];

export function PrimaryNav({ pathname }: { pathname: string }) {
  const current = sectionOf(pathname);
  return (
    <nav aria-label="Main" className="flex items-center gap-1 overflow-x-auto">
      {sections.map((section) => {
        const active = current === section.section;
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
