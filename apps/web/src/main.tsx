import "./i18n";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import App from "./App";
import { ApiError } from "./api/client";
import { queryKeys } from "./api/hooks";
import "./styles.css";

/** A 401 on any call (other than login and password checks) means the session ended: back to /login. */
function sessionEnded(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (e, query) => {
      if (sessionEnded(e) && query.queryKey[0] !== queryKeys.me[0])
        queryClient.setQueryData(queryKeys.me, null);
    },
  }),
  mutationCache: new MutationCache({
    onError: (e, _vars, _ctx, mutation) => {
      if (sessionEnded(e) && !mutation.meta?.own401) queryClient.setQueryData(queryKeys.me, null);
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("#root missing in index.html");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
