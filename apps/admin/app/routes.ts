import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// Remix's v3_routeConfig: the route table is this module, so the move to React Router 7 is its
// codemod. The pages keep Remix v2's flat-file names in app/routes/.
export default flatRoutes() satisfies RouteConfig;
