import { keepPreviousData, type QueryKey, useQuery } from "@tanstack/react-query";

/** A page of a list (or a chart's answer to changed filters): the previous answer stays on screen while the next one loads. */
export function usePagedQuery<T>(
  queryKey: QueryKey,
  fetch: (signal: AbortSignal) => Promise<T>,
  enabled = true,
) {
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => fetch(signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One record by its id; nothing is fetched while the id is not known yet. */
export function useRecordQuery<T>(
  queryKey: QueryKey,
  id: string | undefined,
  fetch: (signal: AbortSignal) => Promise<T>,
) {
  return useQuery({ queryKey, queryFn: ({ signal }) => fetch(signal), enabled: !!id });
}
