import type {
  CreateExpertRequest,
  DrawRequestBody,
  ExpertAssignmentItem,
  ExpertAssignmentListQuery,
  ExpertDrawDetail,
  ExpertDrawItem,
  ExpertDrawListQuery,
  ExpertItem,
  ExpertListQuery,
  ExpertRoutes,
  RateAssignmentRequest,
  UpdateExpertRequest,
  UpdateMyAvailabilityRequest,
  VerifyDrawResponse,
} from "@dxcenter/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";
import { poolKeys } from "./providers";
import { usePagedQuery, useRecordQuery } from "./queries";

/**
 * 专家库 / 专家抽取 API: react-query hooks typed by the contract map EXPERT_ROUTES (types only: no
 * zod code reaches the bundle). Writes refresh everything under "experts" and "pool" (the pool pages
 * show the drawn experts and their answers).
 */
export type ExpertRow = z.output<typeof ExpertItem>;
export type DrawRow = z.output<typeof ExpertDrawItem>;
export type DrawFull = z.output<typeof ExpertDrawDetail>;
export type AssignmentRow = z.output<typeof ExpertAssignmentItem>;
export type VerifyResult = z.output<typeof VerifyDrawResponse>;

export type ExpertListParams = Paged<z.input<typeof ExpertListQuery>>;
export type DrawListParams = Paged<z.input<typeof ExpertDrawListQuery>>;
export type AssignmentListParams = Paged<z.input<typeof ExpertAssignmentListQuery>>;
export type CreateExpertBody = z.input<typeof CreateExpertRequest>;
export type UpdateExpertBody = z.input<typeof UpdateExpertRequest>;
export type DrawBody = z.input<typeof DrawRequestBody>;
export type RateBody = z.input<typeof RateAssignmentRequest>;
export type AvailabilityBody = z.input<typeof UpdateMyAvailabilityRequest>;

/** The expert pool's JSON routes, typed by the one contract map the server mounts. */
const call = routeClient<ExpertRoutes>();

export function useExperts(params: ExpertListParams) {
  return usePagedQuery(["experts", "list", params], (signal) =>
    call("GET /api/experts", { query: params, signal }),
  );
}
export function useDraws(params: DrawListParams, enabled = true) {
  return usePagedQuery(
    ["experts", "draws", params],
    (signal) => call("GET /api/experts/draws", { query: params, signal }),
    enabled,
  );
}
export function useDraw(id: string | undefined) {
  return useRecordQuery(["experts", "draw", id], id, (signal) =>
    call("GET /api/experts/draws/:id", { params: { id: id ?? "" }, signal }),
  );
}
export function useMyAssignments(params: AssignmentListParams) {
  return usePagedQuery(["experts", "mine", params], (signal) =>
    call("GET /api/experts/assignments/mine", { query: params, signal }),
  );
}
/** The signed-in expert's own record (404 when the account has none). */
export function useMyExpert() {
  return useQuery({
    queryKey: ["experts", "me"],
    queryFn: ({ signal }) => call("GET /api/experts/me", { signal }),
    retry: false,
  });
}

/** A write that changes what the pool and expert pages show. */
function useExpertWrite<A, R>(write: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: poolKeys.all });
      void qc.invalidateQueries({ queryKey: ["experts"] });
    },
  });
}

/** A new expert (POST) or a change of an existing one (PUT, with its version). */
export type SaveExpert = { id: string; body: UpdateExpertBody } | { id?: undefined; body: CreateExpertBody };
export const useSaveExpert = () =>
  useExpertWrite((v: SaveExpert) =>
    v.id !== undefined
      ? call("PUT /api/experts/:id", { params: { id: v.id }, body: v.body })
      : call("POST /api/experts", { body: v.body }),
  );

export const useUpdateMyAvailability = () =>
  useExpertWrite((body: AvailabilityBody) => call("PUT /api/experts/me/availability", { body }));

/**
 * An expert's answer to an invitation. A decline answers with the replacement drawn, in words (the
 * message shown); an accept has nothing to say.
 */
export type InvitationAnswer =
  | { id: string; decline?: undefined }
  | { id: string; decline: { reason: string } };
export const useAnswerInvitation = () =>
  useExpertWrite(async (a: InvitationAnswer): Promise<string | undefined> => {
    const params = { id: a.id };
    if (a.decline)
      return (await call("POST /api/experts/assignments/:id/decline", { params, body: a.decline })).message;
    await call("POST /api/experts/assignments/:id/accept", { params });
    return undefined;
  });

/** 随机抽取: the draw seats experts on the panel / team / as reviewers. */
export const createDraw = (body: DrawBody) => call("POST /api/experts/draws", { body });
/** 复核抽取: the draw run again from its stored seed and inputs. */
export const verifyDraw = (id: string) => call("POST /api/experts/draws/:id/verify", { params: { id } });
/** 专家评价 of one accepted invitation. */
export const rateAssignment = (id: string, body: RateBody) =>
  call("PUT /api/experts/assignments/:id/rating", { params: { id }, body });
