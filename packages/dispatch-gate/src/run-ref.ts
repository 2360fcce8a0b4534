import { isOperationId, routes, RunStatusSchema, type OperationId, type RunRef, type RunStatus } from "./contract";

// The one reader of a stored run's row: a run whose operation or status the contract does not know
// was written by a bug (the database CHECKs statuses), so it throws instead of answering.

export interface RunRow {
  id: string;
  operation: string;
  status: string;
}

export function runOperationOf(run: { id: string; operation: string }): OperationId {
  if (!isOperationId(run.operation)) throw new Error(`run ${run.id} has an unknown operation "${run.operation}"`);
  return run.operation;
}

export function runStatusOf(run: { id: string; status: string }): RunStatus {
  const status = RunStatusSchema.safeParse(run.status);
  if (!status.success) throw new Error(`run ${run.id} has an unknown status "${run.status}"`);
  return status.data;
}

/** Narrows a run row to the contract's RunRef. */
export function toRunRef(run: RunRow): RunRef {
  return { id: run.id, operation: runOperationOf(run), status: runStatusOf(run), href: routes.run(run.id) };
}
