import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import superjson from "superjson";
import { RunWatchHub } from "./run-watch-hub";
import { trpc } from "./trpc";

/** Path of the typed API served by the same Express app (apps/admin/server). */
export const apiPath = "/api/trpc";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Loaders render the first state; a live query refetches on its own interval only.
        staleTime: 1_000,
        refetchOnWindowFocus: true,
        retry: 1,
      },
    },
  });
}

/**
 * One QueryClient and tRPC client per browser tab (per request on the server, where queries
 * never fetch: they render the loader's data they were given as initialData).
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    trpc.createClient({
      links: [
        // Subscriptions (operations.watch) as Server-Sent Events on the same path: the browser's
        // EventSource sends the session cookie like any same-origin request (ADR 028).
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: apiPath, transformer: superjson }),
          false: httpBatchLink({ url: apiPath, transformer: superjson }),
        }),
      ],
    }),
  );
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <RunWatchHub>{children}</RunWatchHub>
      </QueryClientProvider>
    </trpc.Provider>
  );
}
