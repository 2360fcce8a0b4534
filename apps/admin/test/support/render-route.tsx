// A page as a document request renders it, without a server: its loader with an admin context
// (the API as a signed-in user), then its markup with the loader's data embedded.
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { RouteObject } from "react-router-dom";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { PrismaClient } from "@tenantpilot/db";
import { callerAs, testEnvironment, type TestUser } from "../../../../tests/api/support/api-caller";

/** Loaders under test never log in or out. */
export const noSession: AppLoadContext["session"] = {
  login: () => Promise.reject(new Error("not in this test")),
  logout: () => Promise.reject(new Error("not in this test")),
  logoutEverywhere: () => Promise.reject(new Error("not in this test")),
};

/** What a page's loader gets for `user`, its API calls made on `db` (a statement-counting client, say). */
export async function adminContextFor(db: PrismaClient, user: TestUser): Promise<AppLoadContext> {
  const api = callerAs(testEnvironment(db), user);
  return { api, viewer: await api.auth.me(), session: noSession, sandboxEntra: null, cspNonce: "test" };
}

/** The route at `path` for `url`: its loader's data and the HTML it renders (markup and embedded data). */
export async function renderRoute<Data>(
  route: { path: string; loader: (args: LoaderFunctionArgs) => Promise<Data>; Component: ComponentType },
  context: AppLoadContext,
  url: string,
): Promise<{ html: string; data: Data }> {
  const routeObjects: RouteObject[] = [
    { id: "page", path: route.path, loader: ({ request, params }) => route.loader({ request, params, context }), Component: route.Component },
  ];
  const handler = createStaticHandler(routeObjects);
  const state = await handler.query(new Request(url), { requestContext: context });
  if (state instanceof Response) throw new Error(`${route.path} answered ${state.status}`);
  if (state.errors) throw new Error(`${route.path} failed: ${JSON.stringify(state.errors)}`);
  const html = renderToString(<StaticRouterProvider router={createStaticRouter(routeObjects, state)} context={state} />);
  return { html, data: state.loaderData.page as Data };
}
