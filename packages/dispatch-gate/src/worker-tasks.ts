// Server-only: the payload every gate-admitted job carries, typed for graphile-worker twice —
// declaration merging for compile time, zod for the top of every task at run time.
import { z } from "zod";

export const RunJobPayload = z.object({ runId: z.uuid() });
export type RunJobPayload = z.infer<typeof RunJobPayload>;

declare global {
  // graphile-worker's documented extension point is a global namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace GraphileWorker {
    interface Tasks {
      inventory_sync: RunJobPayload;
      backup_capture: RunJobPayload;
      restore_execute: RunJobPayload;
      directory_sync: RunJobPayload;
      report_generate: RunJobPayload;
      connection_check: RunJobPayload;
    }
  }
}
