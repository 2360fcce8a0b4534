import { Link } from "@remix-run/react";
import { routes, sectionOf, type Capability } from "@tenantpilot/dispatch-gate/contract";

export type Section = NonNullable<ReturnType<typeof sectionOf>>;

export interface NavSection {
  section: Section;
  to: string;
  label: string;
}

/**
 * The main sections and the capability each one's page reads with (the API's procedure for that
 * list): a section is offered only to a viewer whose role can open it, so nobody is sent to a
 * "needs a manager or owner" page from the navigation.
 */
const sections = [
  { section: "home", to: routes.home(), label: "Tenants", needs: "tenants.read" },
  { section: "operations", to: routes.operations(), label: "Operations", needs: "tenants.read" },
  { section: "activity", to: routes.activity(), label: "Activity", needs: "audit.read" },
  { section: "connections", to: routes.connections(), label: "Provider connections", needs: "tenants.read" },
  { section: "onboarding", to: routes.onboarding(), label: "Onboarding", needs: "onboarding.manage" },
  { section: "settings", to: routes.settings(), label: "Settings", needs: "tenants.read" },
] as const satisfies readonly (NavSection & { needs: Capability })[];

/** The sections a viewer with these capabilities (over all their workspaces) can use. */
export function navSectionsFor(capabilities: ReadonlySet<Capability>): NavSection[] {
  return sections.filter((section) => capabilities.has(section.needs)).map(({ section, to, label }) => ({ section, to, label }));
}

/**
 * Forms inside a section that make a change the section's own capability does not allow: a next step
 * ("Add a provider connection") must not lead a read-only member or an operator to a form that only says
 * their role cannot use it.
 */
const forms = [
  { path: routes.newConnection(), needs: "connections.manage" },
  { path: routes.newSchedule(), needs: "schedules.manage" },
  { path: routes.webhook(), needs: "webhooks.manage" },
] as const satisfies readonly { path: string; needs: Capability }[];

/**
 * Whether a viewer with these capabilities can open `href`: a page of a section its role is not
 * offered (onboarding for a read-only member) answers 403, and a form for a change it may not make
 * offers nothing, so no next step should lead there.
 */
export function canOpen(href: string, capabilities: ReadonlySet<Capability>): boolean {
  const pathname = new URL(href, "http://admin.invalid").pathname;
  const section = sectionOf(pathname);
  const entry = sections.find((candidate) => candidate.section === section);
  const form = forms.find((candidate) => candidate.path === pathname);
  return (entry === undefined || capabilities.has(entry.needs)) && (form === undefined || capabilities.has(form.needs));
}

/**
 * aria-current of a link in the top bar: a section link is current on every page of its section (ADR 031);
 * the logo, which leads to the home, only on the home itself (a tenant's page is in the home's section
 * but is not the page the logo opens).
 */
export function currentIn(pathname: string, link: { section: Section } | "logo"): "page" | undefined {
  const here = link === "logo" ? pathname.replace(/\/+$/, "") === routes.home() : sectionOf(pathname) === link.section;
  return here ? "page" : undefined;
}

const layouts = {
  /** Beside the logo on wide screens. */
  bar: { list: "flex items-center gap-1", link: "whitespace-nowrap px-2 py-2 xl:px-3" },
  /** Inside the phone menu: one full-width row per section, each an easy tap. */
  menu: { list: "flex flex-col gap-1", link: "block px-3 py-3" },
} as const;

export function PrimaryNav({ pathname, sections: shown, layout, id }: { pathname: string; sections: readonly NavSection[]; layout: keyof typeof layouts; id?: string }) {
  const style = layouts[layout];
  return (
    <nav id={id} aria-label="Main">
      <ul className={style.list}>
        {shown.map((section) => {
          const current = currentIn(pathname, section);
          return (
            <li key={section.to}>
              {/* Link, not NavLink: NavLink would drop aria-current on the section's inner pages (a tenant's). */}
              <Link
                to={section.to}
                aria-current={current}
                className={`${style.link} rounded-md text-sm font-medium transition-colors ${
                  current ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
