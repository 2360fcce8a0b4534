import type { Db } from "@tenantpilot/db";

/**
 * Runs `work` atomically: in a new transaction when given a client, or inside the caller's
 * transaction when already given one (a Tx has no `$transaction`).
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction((tx) => work(tx)) : work(db);
}
