// The browser's typed API for the live parts of pages (run progress, notifications). Pages get
// their data from loaders; these hooks only keep what a loader rendered fresh.
import { createTRPCReact } from "@trpc/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@tenantpilot/api";

export const trpc = createTRPCReact<AppRouter>();
export type ApiOutputs = inferRouterOutputs<AppRouter>;
