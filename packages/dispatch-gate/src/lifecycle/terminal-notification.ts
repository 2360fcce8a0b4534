import { describe, operationCatalog, type OperationId, type ReasonCode } from "../contract";
import type { TerminalRun } from "./run-transition";

export interface TerminalNotificationFacts {
  runId: string;
  operation: OperationId;
  status: TerminalRun["status"];
  tenantName: string;
  tenantSlug: string;
  connectionId: string | null;
  reasonCode: ReasonCode | null;
  missingPermissions?: readonly string[];
  counts: { seen: number; changed: number; failed: number };
}

/**
 * Title and body of the one notification a user-initiated run ends with. A reason is told in
 * the sentence the start surface uses for it (describe), so "consent missing" reads the same on a
 * blocked start, on a failed run and in the bell; the bell adds the reason's next step and the
 * connection the run used, read from the run (notifications service).
 */
export function terminalNotification(facts: TerminalNotificationFacts): { title: string; body: string } {
  const title = `${operationCatalog[facts.operation].label}: ${describe({ runStatus: facts.status })}`;
  const reason = facts.reasonCode === null ? null : reasonSentence(facts, facts.reasonCode);
  const { seen, changed, failed } = facts.counts;
  switch (facts.status) {
    case "succeeded":
      // Operations that do not go through items (a connection check) have nothing to count.
      if (seen === 0 && changed === 0) return { title, body: `${facts.tenantName}: completed.` };
      return { title, body: `${facts.tenantName}: ${items(seen)} seen, ${changed} changed.` };
    case "partially_succeeded":
      return { title, body: `${facts.tenantName}: ${failed} of ${items(seen)} failed.${reason === null ? "" : ` ${reason}`}` };
    case "failed":
    case "cancelled":
      return { title, body: `${facts.tenantName}: ${reason ?? "The run did not finish."}` };
  }
}

function reasonSentence(facts: TerminalNotificationFacts, code: ReasonCode): string {
  return describe({
    reason: code,
    context: {
      tenantSlug: facts.tenantSlug,
      runId: facts.runId,
      ...(facts.connectionId === null ? {} : { connectionId: facts.connectionId }),
    },
    detail: facts.missingPermissions === undefined ? {} : { missingPermissions: facts.missingPermissions },
  }).message;
}

function items(count: number): string {
  return count === 1 ? "1 item" : `${count} items`;
}
