import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AssessmentListParams } from "./assessments";
import { ApiError, api, apiUpload } from "./client";
import type {
  AuditItem,
  AuditParams,
  ChangePasswordBody,
  Contact,
  CreateEnterpriseRequest,
  CreateUserBody,
  EnterpriseDetail,
  EnterpriseListItem,
  EnterpriseListParams,
  EnterpriseStats,
  ImportJob,
  LoginBody,
  Me,
  Page,
  Reference,
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

/** The signed-in user, or null when there is no session (401). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await api<Me>("GET", "/api/auth/me", { signal });
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
    mutationFn: (body: LoginBody) => api<Me>("POST", "/api/auth/login", { body }),
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
    mutationFn: () => api<void>("POST", "/api/auth/logout"),
    meta: OWN_401,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api<void>("POST", "/api/auth/password", { body }),
    meta: OWN_401,
  });
}

// ---------------------------------------------------------------- reference data

export function useReference() {
  return useQuery({
    queryKey: queryKeys.reference,
    queryFn: ({ signal }) => api<Reference>("GET", "/api/reference", { signal }),
    staleTime: 60 * 60_000,
  });
}

// ---------------------------------------------------------------- enterprises

export function useEnterpriseList(params: EnterpriseListParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.enterpriseList(params),
    queryFn: ({ signal }) =>
      api<Page<EnterpriseListItem>>("GET", "/api/enterprises", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterpriseStats() {
  return useQuery({
    queryKey: queryKeys.enterpriseStats,
    queryFn: ({ signal }) => api<EnterpriseStats>("GET", "/api/enterprises/stats", { signal }),
  });
}

export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.enterprise(id ?? ""),
    queryFn: ({ signal }) =>
      api<EnterpriseDetail>("GET", `/api/enterprises/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function useCreateEnterprise() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEnterpriseRequest) =>
      api<EnterpriseDetail>("POST", "/api/enterprises", { body }),
    onSuccess: (e) => {
      void qc.invalidateQueries({ queryKey: queryKeys.enterprises });
      qc.setQueryData(queryKeys.enterprise(e.id), e);
    },
  });
}

export function useUpdateEnterprise(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateEnterpriseRequest) =>
      api<EnterpriseDetail>("PATCH", `/api/enterprises/${encodeURIComponent(id)}`, { body }),
    onSuccess: (e) => {
      void qc.invalidateQueries({ queryKey: queryKeys.enterprises });
      qc.setQueryData(queryKeys.enterprise(e.id), e);
    },
  });
}

/** Reveals unmasked contact data; every call is written to the audit log, so it is never cached. */
export function useRevealContact(id: string) {
  return useMutation({
    mutationFn: () => api<Contact>("POST", `/api/enterprises/${encodeURIComponent(id)}/contact`),
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
      const job = await api<ImportJob>("GET", `/api/enterprises/imports/${encodeURIComponent(id ?? "")}`, {
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

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: queryKeys.userList(params),
    queryFn: ({ signal }) => api<Page<UserItem>>("GET", "/api/users", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api<UserItem>("POST", "/api/users", { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      api<UserItem>("PATCH", `/api/users/${encodeURIComponent(id)}`, { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

/** The city ends a login lock (POST /api/users/:id/unlock, audited as user.unlock). */
export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<UserItem>("POST", `/api/users/${encodeURIComponent(id)}/unlock`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

// ---------------------------------------------------------------- audit

export function useAuditList(params: AuditParams) {
  return useQuery({
    queryKey: queryKeys.audit(params),
    queryFn: ({ signal }) => api<Page<AuditItem>>("GET", "/api/audit", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}
