import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from "@remix-run/react";
import { UiLinkProvider } from "@tenantpilot/ui";
import { LiveProvider } from "./live/live-provider";
import { useCspNonce } from "./shell/csp-nonce";
import { ErrorContent } from "./shell/error-content";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "TenantPilot Gate" }];

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useCspNonce();
  return (
    <html lang="en" className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <LiveProvider>
      {/* The shared components link through Remix, so their links navigate client-side. */}
      <UiLinkProvider value={Link}>
        <Outlet />
      </UiLinkProvider>
    </LiveProvider>
  );
}

/** Errors outside the signed-in area (unknown addresses, the login page failing). */
export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <main className="px-6">
      <ErrorContent error={error} />
    </main>
  );
}
