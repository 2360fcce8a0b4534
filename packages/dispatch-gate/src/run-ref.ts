import { isOperationId, routes, runStatuses, type RunRef, type RunStatus } from "./contract";

export interface RunRow {
  id: string;
  operation: string;
  status: string;
}

/** Narrows a run row to the contract's RunRef; a row the catalogue does not know is a bug, not an outcome. */
export function toRunRef(run: RunRow): RunRef {
  if (!isOperationId(run.operation)) throw new Error(`run ${run.id} has an unknown operation "${run.operation}"`);
  if (!(runStatuses as readonly string[]).includes(run.status)) {
    throw new Error(`run ${run.id} has an unknown status "${run.status}"`);
  }
  return { id: run.id, operation: run.operation, status: run.status as RunStatus, href: routes.run(run.id) };
}
