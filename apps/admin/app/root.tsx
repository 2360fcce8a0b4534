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

const zodJitless = "globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });";

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useCspNonce();
  return (
    <html lang="en" className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/*
          Before any module script: zod finds out whether it may compile schemas with `new Function`
          by trying, which the CSP (no 'unsafe-eval') reports as a violation. Jitless parsing is plenty
          fast for what pages validate; zod reads this global config when its core module loads.
        */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: zodJitless }} />
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
