import type {
  ExpertAssignmentItem,
  ExpertDrawDetail,
  ExpertDrawItem,
  ExpertItem,
  VerifyDrawResponse,
} from "@dxcenter/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type QueryParams } from "./client";
import type { Page } from "./types";

/** 专家库 / 专家抽取 API (type-only views of the contracts); writes go through usePoolAction. */
type Out<S extends { _zod: { output: unknown } }> = S["_zod"]["output"];
export type ExpertRow = Out<typeof ExpertItem>;
export type DrawRow = Out<typeof ExpertDrawItem>;
export type DrawFull = Out<typeof ExpertDrawDetail>;
export type AssignmentRow = Out<typeof ExpertAssignmentItem>;
export type VerifyResult = Out<typeof VerifyDrawResponse>;

export function useExperts(params: QueryParams) {
  return useQuery({
    queryKey: ["experts", "list", params],
    queryFn: ({ signal }) => api<Page<ExpertRow>>("GET", "/api/experts", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
export function useDraws(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ["experts", "draws", params],
    queryFn: ({ signal }) => api<Page<DrawRow>>("GET", "/api/experts/draws", { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
export function useDraw(id: string | undefined) {
  return useQuery({
    queryKey: ["experts", "draw", id],
    queryFn: ({ signal }) => api<DrawFull>("GET", `/api/experts/draws/${id}`, { signal }),
    enabled: !!id,
  });
}
export function useMyAssignments(params: QueryParams) {
  return useQuery({
    queryKey: ["experts", "mine", params],
    queryFn: ({ signal }) =>
      api<Page<AssignmentRow>>("GET", "/api/experts/assignments/mine", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
