import type {
  MySolutionListQuery,
  SceneOption,
  SolutionInput,
  SolutionItem,
  SolutionListQuery,
  SolutionUpdate,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Page } from "./types";

/** 解决方案目录 API: type-only views of the contracts and react-query hooks. */
type ZodLike = { _zod: { input: unknown; output: unknown } };
type In<S extends ZodLike> = S["_zod"]["input"];
/** Query params as the web sends them (paging as numbers, not the coercing schema's `unknown`). */
type Paged<T> = Omit<T, "page" | "pageSize"> & { page?: number; pageSize?: number };

export type { SceneOption, SolutionItem };
export type SolutionListParams = Omit<Paged<In<typeof SolutionListQuery>>, "sceneId" | "firstEdition"> & {
  sceneId?: string;
  firstEdition?: "true" | "false";
};
export type MySolutionListParams = Paged<In<typeof MySolutionListQuery>>;
export type SolutionBody = In<typeof SolutionInput>;
export type SolutionPatch = In<typeof SolutionUpdate>;

export function useScenes() {
  return useQuery({
    queryKey: ["solutions", "scenes"],
    queryFn: ({ signal }) => api<SceneOption[]>("GET", "/api/solutions/scenes", { signal }),
    staleTime: 60 * 60_000,
  });
}

export function useSolutionList(params: SolutionListParams) {
  return useQuery({
    queryKey: ["solutions", "list", params],
    queryFn: ({ signal }) =>
      api<Page<SolutionItem>>("GET", "/api/solutions", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMySolutions(params: MySolutionListParams) {
  return useQuery({
    queryKey: ["solutions", "mine", params],
    queryFn: ({ signal }) =>
      api<Page<SolutionItem>>("GET", "/api/solutions/mine", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSolution(id: string | undefined) {
  return useQuery({
    queryKey: ["solutions", "detail", id],
    queryFn: ({ signal }) =>
      api<SolutionItem>("GET", `/api/solutions/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function useSaveSolution() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SolutionBody | SolutionPatch }) =>
      id
        ? api<SolutionItem>("PATCH", `/api/solutions/${encodeURIComponent(id)}`, { body })
        : api<SolutionItem>("POST", "/api/solutions", { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["solutions"] }),
  });
}
