import type { ReactNode } from "react";
import { Link, useLocation } from "@remix-run/react";
import type { Viewer } from "@tenantpilot/api";
import { describe, routes } from "@tenantpilot/dispatch-gate/contract";
import { UiPlaceProvider } from "@tenantpilot/ui";
import { LiveNotifications, type NotificationPage } from "./live-notifications";
import { NavMenu } from "./nav-menu";
import { canOpen, currentIn, navSectionsFor, PrimaryNav } from "./primary-nav";
import { UserMenu } from "./user-menu";

/** Top bar (workspace, sections, notifications, account) and the page column. */
export function AppShell({
  viewer,
  notifications,
  children,
}: {
  viewer: Viewer;
  notifications: NotificationPage | null;
  children: ReactNode;
}) {
  const { pathname, search } = useLocation();
  const [first, ...others] = viewer.workspaces;
  const workspaceLabel = first === undefined ? "No workspace" : others.length === 0 ? first.name : `${first.name} +${others.length}`;
  const role = first ? describe({ role: first.role }) : null;
  const capabilities = new Set(viewer.workspaces.flatMap((workspace) => workspace.capabilities));
  const sections = navSectionsFor(capabilities);
  // The shared components leave out a next step that leads here or where this role cannot go.
  const place = { here: `${pathname}${search}`, canOpen: (href: string) => canOpen(href, capabilities) };
  return (
    <UiPlaceProvider value={place}>
      <div className="min-h-full">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
            <Link to={routes.home()} aria-current={currentIn(pathname, "logo")} className="flex shrink-0 items-center gap-2 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900">
              <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-slate-900 text-xs font-bold text-white">
                TP
              </span>
              <span className="sr-only text-sm font-semibold text-slate-900 sm:not-sr-only">TenantPilot</span>
            </Link>
            <span aria-hidden="true" className="hidden h-5 w-px bg-slate-200 sm:block" />
            <span className="hidden max-w-48 truncate text-sm text-slate-600 xl:inline" title={viewer.workspaces.map((w) => w.name).join(", ")}>
              <span className="sr-only">Workspace: </span>
              {workspaceLabel}
            </span>
            {/* Below 1024 px the sections sit behind a menu button; from there on in the bar, where the workspace's
                name (from 1280 px), the word "Notifications" and the user's name give way so that nothing in the bar
                overlaps (at 768–1279 px the sections ran under the bell and the account menu). */}
            <NavMenu pathname={pathname} sections={sections} />
            <div className="hidden min-w-0 flex-1 lg:block">
              <PrimaryNav pathname={pathname} sections={sections} layout="bar" />
            </div>
            <div aria-hidden="true" className="flex-1 lg:hidden" />
            <div className="flex shrink-0 items-center gap-1">
              {notifications ? <LiveNotifications initial={notifications} /> : null}
              <UserMenu user={viewer.user} roleLabel={role} />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
          {children}
        </main>
      </div>
    </UiPlaceProvider>
  );
}
