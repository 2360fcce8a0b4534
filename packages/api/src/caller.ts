import { createCallerFactory } from "./trpc";
import { appRouter } from "./root";

/** Server-side calls (Remix loaders/actions, tests): the same procedures, authorization and errors, without HTTP. */
export const createCaller = createCallerFactory(appRouter);
export type ApiCaller = ReturnType<typeof createCaller>;
