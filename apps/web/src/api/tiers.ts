import type {
  ApplicationDetail,
  ApplicationItem,
  ApplicationListQuery,
  CertificationItem,
  CertificationListQuery,
  CertificationRoundRoutes,
  CertificationRoutes,
  CreateRoundRequest,
  RoundDetail,
  RoundItem,
  RoundListQuery,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { routeClient } from "./call";

/** 梯度培育 API: react-query hooks over CERTIFICATION_ROUTES and CERTIFICATION_ROUND_ROUTES (types only). */
export type { ApplicationDetail, ApplicationItem, CertificationItem, RoundDetail, RoundItem };

type Paged<Q extends z.ZodType> = Omit<z.input<Q>, "page" | "pageSize"> & {
  page?: number;
  pageSize?: number;
};
export type CertificationParams = Paged<typeof CertificationListQuery>;
export type RoundParams = Paged<typeof RoundListQuery>;
export type ApplicationParams = Paged<typeof ApplicationListQuery>;

const cert = routeClient<CertificationRoutes>();
const rounds = routeClient<CertificationRoundRoutes>();
export const tierKeys = { all: ["tiers"] as const };

export const useProgrammes = () =>
  useQuery({
    queryKey: ["tiers", "programmes"],
    queryFn: ({ signal }) => cert("GET /api/programmes", { signal }),
  });

export const useCertificationList = (params: CertificationParams) =>
  useQuery({
    queryKey: ["tiers", "certifications", params],
    queryFn: ({ signal }) => cert("GET /api/certifications", { query: params, signal }),
    placeholderData: keepPreviousData,
  });

export const useLadder = (enterpriseId: string) =>
  useQuery({
    queryKey: ["tiers", "ladder", enterpriseId],
    queryFn: ({ signal }) =>
      cert("GET /api/enterprises/:id/ladder", { params: { id: enterpriseId }, signal }),
  });

export const useRoundList = (params: RoundParams) =>
  useQuery({
    queryKey: ["tiers", "rounds", params],
    queryFn: ({ signal }) => rounds("GET /api/certification-rounds", { query: params, signal }),
    placeholderData: keepPreviousData,
  });

export const useRound = (id: string) =>
  useQuery({
    queryKey: ["tiers", "round", id],
    queryFn: ({ signal }) => rounds("GET /api/certification-rounds/:id", { params: { id }, signal }),
  });

export const useApplicationList = (params: ApplicationParams) =>
  useQuery({
    queryKey: ["tiers", "applications", params],
    queryFn: ({ signal }) => rounds("GET /api/certification-applications", { query: params, signal }),
    placeholderData: keepPreviousData,
  });

export const useApplication = (id: string | null) =>
  useQuery({
    queryKey: ["tiers", "application", id ?? ""],
    queryFn: ({ signal }) =>
      rounds("GET /api/certification-applications/:id", { params: { id: id ?? "" }, signal }),
    enabled: id !== null,
  });

export const usePublicNotices = () =>
  useQuery({
    queryKey: ["tiers", "notices"],
    queryFn: ({ signal }) => rounds("GET /api/public/certification-notices", { signal }),
  });

export const usePublicCertificate = (no: string) =>
  useQuery({
    queryKey: ["tiers", "public-certificate", no],
    queryFn: ({ signal }) => cert("GET /api/public/certificates/:no", { params: { no }, signal }),
    enabled: no !== "",
    retry: false,
  });

/** Every write of the module; all 梯度培育 queries are refreshed after it. */
export function useTierMutation<A>(fn: (args: A) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: tierKeys.all }) });
}

export const tierCalls = {
  createRound: (body: CreateRoundRequest) => rounds("POST /api/certification-rounds", { body }),
  roundStep: (id: string, step: "close" | "publish" | "recognise", version: number) =>
    step === "close"
      ? rounds("POST /api/certification-rounds/:id/close", { params: { id }, body: { version } })
      : step === "publish"
        ? rounds("POST /api/certification-rounds/:id/publish", { params: { id }, body: { version } })
        : rounds("POST /api/certification-rounds/:id/recognise", { params: { id }, body: { version } }),
  apply: (id: string, form: Record<string, string | number | boolean | null>) =>
    rounds("POST /api/certification-rounds/:id/applications", { params: { id }, body: { form } }),
  recommend: (id: string, rank: number, version: number) =>
    rounds("POST /api/certification-applications/:id/recommend", { params: { id }, body: { rank, version } }),
  returnApp: (id: string, note: string, version: number) =>
    rounds("POST /api/certification-applications/:id/return", { params: { id }, body: { note, version } }),
  approve: (id: string, version: number) =>
    rounds("POST /api/certification-applications/:id/approve", { params: { id }, body: { version } }),
  reject: (id: string, reason: string, version: number) =>
    rounds("POST /api/certification-applications/:id/reject", { params: { id }, body: { reason, version } }),
  handleObjection: (id: string, outcome: "upheld" | "dismissed", note: string) =>
    rounds("POST /api/certification-objections/:id/handle", { params: { id }, body: { outcome, note } }),
  lodgeObjection: (body: { applicationId: string; name: string; contact: string; content: string }) =>
    rounds("POST /api/public/certification-objections", { body }),
};
