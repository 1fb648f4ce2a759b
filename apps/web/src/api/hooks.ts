import type {
  AuditRoutes,
  AuthRoutes,
  EnterpriseRoutes,
  ReferenceRoutes,
  UserRoutes,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { routeClient } from "./call";
import { ApiError, api, apiUpload } from "./client";
import type {
  Answers,
  AssessmentDetail,
  AssessmentItem,
  AssessmentListParams,
  AuditParams,
  ChangePasswordBody,
  CreateAssessmentBody,
  CreateEnterpriseRequest,
  CreateUserBody,
  EnterpriseDetail,
  EnterpriseListParams,
  ImportJob,
  InstrumentDefinition,
  InstrumentSummary,
  LoginBody,
  Me,
  Page,
  UpdateEnterpriseRequest,
  UpdateUserBody,
  UserItem,
  UserListParams,
} from "./types";

export const queryKeys = {
  me: ["me"] as const,
  reference: ["reference"] as const,
  enterprises: ["enterprises"] as const,
  enterpriseList: (p: EnterpriseListParams) => ["enterprises", "list", p] as const,
  enterpriseStats: ["enterprises", "stats"] as const,
  enterprise: (id: string) => ["enterprises", "detail", id] as const,
  importJob: (id: string) => ["imports", id] as const,
  users: ["users"] as const,
  userList: (p: UserListParams) => ["users", "list", p] as const,
  audit: (p: AuditParams) => ["audit", p] as const,
  instruments: ["instruments"] as const,
  instrument: (id: string, version: string | undefined) => ["instruments", id, version ?? ""] as const,
  assessments: ["assessments"] as const,
  assessmentList: (p: AssessmentListParams) => ["assessments", "list", p] as const,
  assessment: (id: string) => ["assessments", "detail", id] as const,
};

/** Mutations marked with this meta handle 401 themselves (wrong password is not an expired session). */
export const OWN_401 = { own401: true } as const;

// ---------------------------------------------------------------- auth

const authCall = routeClient<AuthRoutes>();

/** The signed-in user, or null when there is no session (401). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await authCall("GET /api/auth/me", { signal });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, e) => !(e instanceof ApiError && e.status > 0) && count < 2,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => authCall("POST /api/auth/login", { body }),
    meta: OWN_401,
    onSuccess: (me) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" && q.queryKey[0] !== "reference" });
      qc.setQueryData(queryKeys.me, me);
    },
  });
}

/** Ends the session; the caller then reloads /login so that no cached data survives the logout. */
export function useLogout() {
  return useMutation({
    mutationFn: () => authCall("POST /api/auth/logout", {}),
    meta: OWN_401,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => authCall("POST /api/auth/password", { body }),
    meta: OWN_401,
  });
}

// ---------------------------------------------------------------- reference data

const referenceCall = routeClient<ReferenceRoutes>();

export function useReference() {
  return useQuery({
    queryKey: queryKeys.reference,
    queryFn: ({ signal }) => referenceCall("GET /api/reference", { signal }),
    staleTime: 60 * 60_000,
  });
}

// ---------------------------------------------------------------- enterprises

const enterpriseCall = routeClient<EnterpriseRoutes>();

export function useEnterpriseList(params: EnterpriseListParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.enterpriseList(params),
    queryFn: ({ signal }) => enterpriseCall("GET /api/enterprises", { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterpriseStats() {
  return useQuery({
    queryKey: queryKeys.enterpriseStats,
    queryFn: ({ signal }) => enterpriseCall("GET /api/enterprises/stats", { signal }),
  });
}

export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.enterprise(id ?? ""),
    queryFn: ({ signal }) => enterpriseCall("GET /api/enterprises/:id", { params: { id: id ?? "" }, signal }),
    enabled: !!id,
  });
}

/** A registry write answers the enterprise: cache it and refresh the lists. */
function useEnterpriseWrite<B>(write: (body: B) => Promise<EnterpriseDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (e) => {
      void qc.invalidateQueries({ queryKey: queryKeys.enterprises });
      qc.setQueryData(queryKeys.enterprise(e.id), e);
    },
  });
}

export const useCreateEnterprise = () =>
  useEnterpriseWrite((body: CreateEnterpriseRequest) => enterpriseCall("POST /api/enterprises", { body }));

export const useUpdateEnterprise = (id: string) =>
  useEnterpriseWrite((body: UpdateEnterpriseRequest) =>
    enterpriseCall("PATCH /api/enterprises/:id", { params: { id }, body }),
  );

/** Reveals unmasked contact data; every call is written to the audit log, so it is never cached. */
export function useRevealContact(id: string) {
  return useMutation({
    mutationFn: () => enterpriseCall("POST /api/enterprises/:id/contact", { params: { id } }),
  });
}

// ---------------------------------------------------------------- import

export function useStartImport() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return apiUpload<ImportJob>("/api/enterprises/imports", form);
    },
  });
}

const isActive = (job: ImportJob | undefined) => job?.status === "queued" || job?.status === "running";

/** Polls an import job every 500 ms while it is queued or running. */
export function useImportJob(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.importJob(id ?? ""),
    queryFn: async ({ signal }) => {
      const job = await enterpriseCall("GET /api/enterprises/imports/:id", {
        params: { id: id ?? "" },
        signal,
      });
      if (!isActive(job)) void qc.invalidateQueries({ queryKey: queryKeys.enterprises });
      return job;
    },
    enabled: !!id,
    refetchInterval: (q) =>
      q.state.status === "error" ? false : !q.state.data || isActive(q.state.data) ? 500 : false,
    refetchIntervalInBackground: true,
  });
}

// ---------------------------------------------------------------- users

const userCall = routeClient<UserRoutes>();

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: queryKeys.userList(params),
    queryFn: ({ signal }) => userCall("GET /api/users", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A user write: refresh the user lists. */
function useUserWrite<A>(write: (args: A) => Promise<UserItem>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export const useCreateUser = () =>
  useUserWrite((body: CreateUserBody) => userCall("POST /api/users", { body }));

export const useUpdateUser = () =>
  useUserWrite(({ id, body }: { id: string; body: UpdateUserBody }) =>
    userCall("PATCH /api/users/:id", { params: { id }, body }),
  );

/** The city ends a login lock (POST /api/users/:id/unlock, audited as user.unlock). */
export const useUnlockUser = () =>
  useUserWrite((id: string) => userCall("POST /api/users/:id/unlock", { params: { id } }));

// ---------------------------------------------------------------- audit

const auditCall = routeClient<AuditRoutes>();

export function useAuditList(params: AuditParams) {
  return useQuery({
    queryKey: queryKeys.audit(params),
    queryFn: ({ signal }) => auditCall("GET /api/audit", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------- instruments & assessments

export function useInstruments() {
  return useQuery({
    queryKey: queryKeys.instruments,
    queryFn: ({ signal }) => api<InstrumentSummary[]>("GET", "/api/instruments", { signal }),
    staleTime: 10 * 60_000,
  });
}

/** One instrument definition; a given id + version never changes, so it is cached for the session. */
export function useInstrument(id: string | undefined, version: string | undefined) {
  return useQuery({
    queryKey: queryKeys.instrument(id ?? "", version),
    queryFn: ({ signal }) =>
      api<InstrumentDefinition>("GET", `/api/instruments/${encodeURIComponent(id ?? "")}`, {
        query: { version },
        signal,
      }),
    enabled: !!id,
    staleTime: version ? Number.POSITIVE_INFINITY : 10 * 60_000,
  });
}

export function useAssessmentList(params: AssessmentListParams) {
  return useQuery({
    queryKey: queryKeys.assessmentList(params),
    queryFn: ({ signal }) =>
      api<Page<AssessmentItem>>("GET", "/api/assessments", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.assessment(id ?? ""),
    queryFn: ({ signal }) =>
      api<AssessmentDetail>("GET", `/api/assessments/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
    // The editor keeps its own copy of the answers; a background refetch must not look like a conflict.
    refetchOnWindowFocus: false,
  });
}

export function useCreateAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAssessmentBody) => api<AssessmentDetail>("POST", "/api/assessments", { body }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: queryKeys.assessments });
      qc.setQueryData(queryKeys.assessment(a.id), a);
    },
  });
}

/**
 * PUT of a draft's answers (autosave); the caller keeps the returned `version` for the next save.
 * The editor keeps its own answers, so the cached detail is only refreshed for the next visit.
 */
export function useSaveAnswers(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ answers, version }: { answers: Answers; version: number }) =>
      api<AssessmentDetail>("PUT", `/api/assessments/${encodeURIComponent(id)}/answers`, {
        body: { answers, version },
      }),
    onSuccess: (a) => {
      qc.setQueryData(queryKeys.assessment(a.id), a);
      void qc.invalidateQueries({ queryKey: ["assessments", "list"] });
      // The diagnosis page lists the differences from the self-assessment.
      if (a.diagnosisId) void qc.invalidateQueries({ queryKey: ["diagnoses", "detail", a.diagnosisId] });
    },
  });
}

export function useSubmitAssessment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      api<AssessmentDetail>("POST", `/api/assessments/${encodeURIComponent(id)}/submit`, {
        body: { commitment: true, version },
      }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: queryKeys.assessments });
      // Submitting an on-site assessment moves its diagnosis on (待出具意见).
      if (a.diagnosisId) void qc.invalidateQueries({ queryKey: ["diagnoses"] });
      qc.setQueryData(queryKeys.assessment(a.id), a);
    },
  });
}
