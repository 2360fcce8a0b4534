import { collectPages, type GraphClient, type GraphListOptions, type GraphRequestOptions } from "@tenantpilot/provider-graph";
import { RunStopped, type StopCause } from "./run-context";

/**
 * The Graph client a task's work is given. Before every call it asks whether the run must stop,
 * so a run that is no longer this worker's (reaped, finished elsewhere), cancelled or caught by a
 * shutdown makes no further call to Microsoft. A response that arrives after the run was lost is
 * dropped as well, so nothing learnt from it is written for a run this worker no longer owns. A
 * cancellation or shutdown lets the answer of a call already made be recorded (a write may have
 * been applied in the tenant), and stops at the next call or checkpoint.
 */
export function stoppableGraph(graph: GraphClient, stopCause: () => StopCause | undefined): GraphClient {
  const before = () => {
    const cause = stopCause();
    if (cause !== undefined) throw new RunStopped(cause);
  };
  const after = () => {
    if (stopCause() === "run_lost") throw new RunStopped("run_lost");
  };
  const guarded =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      before();
      const result = await call(...args);
      after();
      return result;
    };

  async function* pages(path: string, options?: GraphListOptions): AsyncGenerator<unknown[], { truncated: boolean }> {
    before();
    const inner = graph.pages(path, options);
    for (;;) {
      const next = await inner.next();
      after();
      if (next.done) return next.value;
      yield next.value;
      before();
    }
  }

  return {
    tenantId: graph.tenantId,
    clientId: graph.clientId,
    accessToken: guarded((options?: { forceRefresh?: boolean }) => graph.accessToken(options)),
    get: guarded((path: string, options?: GraphRequestOptions) => graph.get(path, options)),
    post: guarded((path: string, body: unknown, options?: GraphRequestOptions) => graph.post(path, body, options)),
    patch: guarded((path: string, body: unknown, options?: GraphRequestOptions) => graph.patch(path, body, options)),
    put: guarded((path: string, body: unknown, options?: GraphRequestOptions) => graph.put(path, body, options)),
    pages,
    // Page by page through the guarded pages, so a multi-page listing also stops between pages.
    list: (path, options) => collectPages(pages(path, options)),
    recentRequests: (limit) => graph.recentRequests(limit),
  };
}
