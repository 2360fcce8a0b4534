import { Form } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";

/** A native disclosure: works before hydration and without JavaScript. */
export function UserMenu({ user, roleLabel }: { user: { displayName: string; email: string }; roleLabel: string | null }) {
  const initials = user.displayName
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <details className="group relative">
      {/* Named by its own text ("Account: <name>", the prefix for screen readers only), not an aria-label: what is seen is what is named. */}
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white">
          {initials}
        </span>
        <span className="sr-only">Account: </span>
        <span className="sr-only font-medium sm:not-sr-only lg:sr-only">{user.displayName}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-slate-400 transition-transform group-open:rotate-180">
          <path fillRule="evenodd" d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" clipRule="evenodd" />
        </svg>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
        <div className="border-b border-slate-100 px-3 py-2">
          <p className="truncate text-sm font-medium text-slate-900">{user.displayName}</p>
          <p className="truncate text-xs text-slate-500">{user.email}</p>
          {roleLabel ? <p className="mt-1 text-xs text-slate-500">Role: {roleLabel}</p> : null}
        </div>
        <Form method="post" action={routes.logout()}>
          <button type="submit" className="mt-1 w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
            Log out
          </button>
        </Form>
        <Form method="post" action={routes.logout()}>
          <input type="hidden" name="everywhere" value="1" />
          <button type="submit" className="w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
            Log out on all devices
          </button>
        </Form>
      </div>
    </details>
  );
}
