import type { Db } from "@tenantpilot/db";
import { connectionVerdicts, loadConnectionFacts, type ConnectionVerdict } from "@tenantpilot/dispatch-gate";
import { describe, routes, type ReasonCode } from "@tenantpilot/dispatch-gate/contract";

/** What Microsoft last answered about a connection, when it objects: in words, with the run that heard it. */
export interface LastWordView {
  reason: ReasonCode;
  message: string;
  observedAt: Date;
  runHref: string;
}

export interface ConnectionStanding {
  /** Per operation (and report kind): whether this connection blocks it now, and why. */
  operations: ConnectionVerdict[];
  lastWord: LastWordView | null;
}

/**
 * What the gate would say about each connection, for the connection pages: one read for all of
 * them (stored facts and the provider's last word), judged by the gate's own connection rules.
 */
export async function connectionStandings(db: Db, connections: readonly { id: string; tenantSlug: string }[]): Promise<Map<string, ConnectionStanding>> {
  const { now, connections: facts } = await loadConnectionFacts(db, connections.map((connection) => connection.id));
  const standings = new Map<string, ConnectionStanding>();
  for (const { id, tenantSlug } of connections) {
    const connection = facts.get(id);
    if (connection === undefined) continue;
    const word = connection.lastWord;
    standings.set(id, {
      operations: connectionVerdicts(connection, now, tenantSlug),
      lastWord:
        word === null
          ? null
          : {
              reason: word.reason,
              message: describe({ reason: word.reason, context: { tenantSlug, connectionId: id }, detail: { missingPermissions: word.missingPermissions } })
                .message,
              observedAt: word.observedAt,
              runHref: routes.run(word.runId),
            },
    });
  }
  return standings;
}
