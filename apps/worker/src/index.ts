export { createWorker, type CreateWorkerOptions, type TenantPilotWorker } from "./create-worker";
export { workerOptionsFromEnv } from "./worker-env";
export { createProvider, type Provider, type ProviderMode, type ProviderOptions } from "./provider";
export { defaultRunTiming, resolveRunTiming, type RunTiming } from "./run-timing";
export { fireDueSchedules, describeFiring, type Firing } from "./scheduling/fire-schedules";
export { workerCrontab } from "./scheduling/crontab";
export { processLog, type WorkerLog } from "./worker-log";
export { raiseSecretExpiryWarnings, dueSecretExpiryWarnings, writeSecretExpiryWarnings, type RaisedWarning, type DueWarning } from "./warnings/secret-expiry-warnings";
