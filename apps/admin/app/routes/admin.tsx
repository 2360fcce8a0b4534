import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { load } from "../api/api-call.server";
import { loginHref } from "../api/login-href";
import { AppShell } from "../shell/app-shell";
import { ErrorContent } from "../shell/error-content";
import { notificationQuery } from "../shell/live-notifications";

/** Everything under /admin needs a signed-in user; the shell needs who it is and their notifications. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.viewer) throw redirect(loginHref(request));
  const notifications = await load(request, context.api.notifications.list(notificationQuery));
  return { viewer: context.viewer, notifications };
}

export default function AdminLayout() {
  const { viewer, notifications } = useLoaderData<typeof loader>();
  return (
    <AppShell viewer={viewer} notifications={notifications}>
      <Outlet />
    </AppShell>
  );
}

/** 404/403 and failures of admin pages render inside the shell, so the way back stays on screen. */
export function ErrorBoundary() {
  const error = useRouteError();
  const shell = useRouteLoaderData<typeof loader>("routes/admin");
  if (!shell) return <ErrorContent error={error} />;
  return (
    <AppShell viewer={shell.viewer} notifications={shell.notifications}>
      <ErrorContent error={error} />
    </AppShell>
  );
}
