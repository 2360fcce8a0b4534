export { appRouter, type AppRouter } from "./root";
export { createCaller, type ApiCaller } from "./caller";
export {
  createContext,
  type ApiEnvironment,
  type Context,
  type Credential,
  type ProviderMode,
  type RequestFacts,
} from "./context";
export { requestOrigin, normalizeOrigin } from "./request-origin";
export { notFoundMessages, type HiddenResource } from "./errors";
export type { ApiErrorData, ApiErrorShape } from "./error-formatter";
export type { Viewer } from "./services/viewer";
export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
