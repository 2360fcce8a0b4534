// Server-only: the payload every gate-admitted job carries, typed for graphile-worker twice —
// declaration merging for compile time, zod for the top of every task at run time.
import { z } from "zod";
import type { operationCatalog, OperationId } from "./contract";
import { Uuid } from "./contract";

export const RunJobPayload = z.object({ runId: Uuid });
export type RunJobPayload = z.infer<typeof RunJobPayload>;

/** graphile-worker's typings of the gate's jobs, derived from the catalogue: one task identifier per operation. */
export type OperationTasks = { [O in OperationId as (typeof operationCatalog)[O]["taskIdentifier"]]: RunJobPayload };

declare global {
  // graphile-worker's documented extension point is a global namespace, merged into by interfaces.
  namespace GraphileWorker {
    interface Tasks extends OperationTasks {}
  }
}
