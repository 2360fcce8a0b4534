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
export { plannedStartOf, type PlannedStart, type StartReadAhead } from "./start-read-ahead";
export { requestOrigin, normalizeOrigin, fetchSiteAllowed, isSameOriginRequest } from "./request-origin";
export { RateLimiter, defaultRateLimitPolicy, type RateLimitPolicy, type RateDecision } from "./rate-limit";
export { findTextProblem, textProblem, MAX_TEXT_LENGTH, type TextProblem } from "./input-text";
export { isSubscription, subscriptionRefusal } from "./subscription-input";
export { clientErrorRefusal, contentEncodingProblem, envelopeRefusal, type ApiEnvelope, type HttpRefusal } from "./http-refusal";
export { notFoundMessages, databaseUnavailableMessage, DATABASE_RETRY_AFTER_SECONDS, type HiddenResource } from "./errors";
export type { ApiErrorData, ApiErrorShape } from "./error-formatter";
export type { Viewer } from "./services/viewer";
export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export { csvCell, csvLine, csvLines, type CsvExport, type CsvValue } from "./export/csv";
export { runsExport, activityExport } from "./export/exports";
export { apiErrorMessage } from "./error-formatter";
export {
  createRunTransitionFeed,
  runTransitionChannel,
  type RunTransitionFeed,
  type RunTransitionFeedOptions,
} from "./services/live/run-transition-feed";
