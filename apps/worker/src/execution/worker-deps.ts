import type { EncryptionKey } from "@tenantpilot/auth";
import type { PrismaClient } from "@tenantpilot/db";
import type { Provider } from "../provider";
import type { RunTiming } from "../run-timing";
import type { WebhookOptions } from "../webhooks/webhook-options";
import type { WorkerLog } from "../worker-log";

/** What every task of one worker shares. */
export interface WorkerDeps {
  prisma: PrismaClient;
  /** For graphile-worker's own utilities (queue cleanup). */
  databaseUrl: string;
  provider: Provider;
  encryptionKey: EncryptionKey;
  timing: RunTiming;
  log: WorkerLog;
  /** host:pid — which process ran a run (with graphile-worker's pool id, in the run's diagnostics). */
  processId: string;
  /** Outbound webhook deliveries: where they may connect, their retry pauses, the public URL for links. */
  webhooks: WebhookOptions;
}
