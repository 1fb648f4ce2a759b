import type {
  MySolutionListQuery,
  SceneOption,
  SolutionInput,
  SolutionItem,
  SolutionListQuery,
  SolutionRoutes,
  SolutionUpdate,
} from "@dxcenter/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";
import { usePagedQuery, useRecordQuery } from "./queries";

/** 解决方案目录 API: react-query hooks typed by the solution route map the server mounts. */
/** Query params as the web sends them (paging as numbers, not the coercing schema's `unknown`). */

export type { SceneOption, SolutionItem };
export type SolutionListParams = Omit<
  Paged<z.input<typeof SolutionListQuery>>,
  "sceneId" | "firstEdition"
> & {
  sceneId?: string;
  firstEdition?: "true" | "false";
};
export type MySolutionListParams = Paged<z.input<typeof MySolutionListQuery>>;
export type SolutionBody = z.input<typeof SolutionInput>;
export type SolutionPatch = z.input<typeof SolutionUpdate>;

const call = routeClient<SolutionRoutes>();

export function useScenes() {
  return useQuery({
    queryKey: ["solutions", "scenes"],
    queryFn: ({ signal }) => call("GET /api/solutions/scenes", { signal }),
    staleTime: 60 * 60_000,
  });
}

export function useSolutionList(params: SolutionListParams) {
  return usePagedQuery(["solutions", "list", params], (signal) =>
    call("GET /api/solutions", { query: params, signal }),
  );
}

export function useMySolutions(params: MySolutionListParams) {
  return usePagedQuery(["solutions", "mine", params], (signal) =>
    call("GET /api/solutions/mine", { query: params, signal }),
  );
}

export function useSolution(id: string | undefined) {
  return useRecordQuery(["solutions", "detail", id], id, (signal) =>
    call("GET /api/solutions/:id", { params: { id: id ?? "" }, signal }),
  );
}

export function useSaveSolution() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (save: { id: string; body: SolutionPatch } | { body: SolutionBody }) =>
      "id" in save
        ? call("PATCH /api/solutions/:id", { params: { id: save.id }, body: save.body })
        : call("POST /api/solutions", { body: save.body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["solutions"] }),
  });
}
