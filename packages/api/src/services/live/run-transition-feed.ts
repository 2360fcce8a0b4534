import { z } from "zod";
import { listenToChannel, type ChannelListener } from "@tenantpilot/db";
import { RunProgress } from "@tenantpilot/dispatch-gate/contract";

/** The channel the operation_runs trigger announces transitions on (migration 20261201810000). */
export const runTransitionChannel = "operation_run_transitions";

/** What the trigger sends: ids, status, counts — never secrets (ADR 028). */
const TransitionPayload = z.object({
  run: z.string(),
  tenant: z.string(),
  workspace: z.string(),
  status: RunProgress.shape.status,
  seen: z.number().int(),
  changed: z.number().int(),
  failed: z.number().int(),
});

export interface RunTransition {
  tenantId: string;
  workspaceId: string;
  progress: RunProgress;
}

export type RunFeedEvent =
  | { kind: "transition"; transition: RunTransition }
  /** The listener was disconnected: transitions may have been missed, re-read what you follow. */
  | { kind: "resync" };

export interface RunWatcher {
  /** The runs it follows. */
  runIds: ReadonlySet<string>;
  /** The tenants it was authorized for; a transition of any other tenant never reaches it. */
  tenantIds: ReadonlySet<string>;
  deliver: (event: RunFeedEvent) => void;
}

/**
 * Run transitions of the whole installation, heard once per process and handed to the watchers
 * of each run: one LISTEN connection however many tabs are open.
 */
export interface RunTransitionFeed {
  /** Returns the unsubscribe function. */
  watch(watcher: RunWatcher): () => void;
  /** Resolves once LISTEN is in place (tests wait for it before causing transitions). */
  listening(): Promise<void>;
  /** The listener connection's server pid (an outage test ends it). */
  backendPid(): number | null;
  close(): Promise<void>;
}

export interface RunTransitionFeedOptions {
  databaseUrl: string;
  /** A lost listener connection (it reconnects on its own); the server logs it. */
  onConnectionLost?: (error: unknown) => void;
  retryDelayMs?: number;
}

export function createRunTransitionFeed(options: RunTransitionFeedOptions): RunTransitionFeed {
  const byRun = new Map<string, Set<RunWatcher>>();
  const everyone = new Set<RunWatcher>();

  const onNotification = (text: string) => {
    const parsed = TransitionPayload.safeParse(safeJson(text));
    if (!parsed.success) return;
    const payload = parsed.data;
    const watchers = byRun.get(payload.run);
    if (!watchers) return;
    const transition: RunTransition = {
      tenantId: payload.tenant,
      workspaceId: payload.workspace,
      progress: { runId: payload.run, status: payload.status, counts: { seen: payload.seen, changed: payload.changed, failed: payload.failed } },
    };
    for (const watcher of watchers) {
      // Runs are watched by id after their tenant was authorized; the tenant is checked again so
      // that a run id can never carry another tenant's transition to a watcher.
      if (watcher.tenantIds.has(transition.tenantId)) watcher.deliver({ kind: "transition", transition });
    }
  };

  const listener: ChannelListener = listenToChannel({
    databaseUrl: options.databaseUrl,
    channel: runTransitionChannel,
    onNotification,
    onReconnected: () => {
      for (const watcher of everyone) watcher.deliver({ kind: "resync" });
    },
    ...(options.onConnectionLost === undefined ? {} : { onConnectionLost: options.onConnectionLost }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });

  return {
    watch(watcher) {
      everyone.add(watcher);
      for (const runId of watcher.runIds) {
        const set = byRun.get(runId) ?? new Set<RunWatcher>();
        set.add(watcher);
        byRun.set(runId, set);
      }
      return () => {
        everyone.delete(watcher);
        for (const runId of watcher.runIds) {
          const set = byRun.get(runId);
          set?.delete(watcher);
          if (set?.size === 0) byRun.delete(runId);
        }
      };
    },
    listening: () => listener.listening(),
    backendPid: () => listener.backendPid(),
    close: () => listener.close(),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
