import type {
  AuditRoutes,
  AuthRoutes,
  EnterpriseRoutes,
  ReferenceRoutes,
  UserRoutes,
} from "@dxcenter/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AssessmentListParams } from "./assessments";
import { routeClient } from "./call";
import { ApiError, apiUpload } from "./client";
import { usePagedQuery, useRecordQuery } from "./queries";
import type {
  AuditParams,
  ChangePasswordBody,
  CreateEnterpriseRequest,
  CreateUserBody,
  EnterpriseDetail,
  EnterpriseListParams,
  ImportJob,
  LoginBody,
  Me,
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
  return usePagedQuery(
    queryKeys.enterpriseList(params),
    (signal) => enterpriseCall("GET /api/enterprises", { query: params, signal }),
    enabled,
  );
}

export function useEnterpriseStats() {
  return useQuery({
    queryKey: queryKeys.enterpriseStats,
    queryFn: ({ signal }) => enterpriseCall("GET /api/enterprises/stats", { signal }),
  });
}

export function useEnterprise(id: string | undefined) {
  return useRecordQuery(queryKeys.enterprise(id ?? ""), id, (signal) =>
    enterpriseCall("GET /api/enterprises/:id", { params: { id: id ?? "" }, signal }),
  );
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
  return usePagedQuery(queryKeys.userList(params), (signal) =>
    userCall("GET /api/users", { query: params, signal }),
  );
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
  return usePagedQuery(queryKeys.audit(params), (signal) =>
    auditCall("GET /api/audit", { query: params, signal }),
  );
}
