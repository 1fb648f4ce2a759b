import type {
  AuditItem,
  AuditQuery,
  ChangePasswordRequest,
  CreateEnterpriseRequest,
  CreateUserRequest,
  ENTERPRISE_SORTS,
  EnterpriseContact,
  EnterpriseDetail,
  EnterpriseListItem,
  EnterpriseListQuery,
  EnterpriseStats,
  ImportJob,
  LoginRequest,
  Me,
  ReferenceData,
  UpdateEnterpriseRequest,
  UpdateUserRequest,
  UserItem,
  UserListQuery,
} from "@dxcenter/contracts";

/** Type-only views of the zod schemas in @dxcenter/contracts (no zod code reaches the bundle). */
type ZodLike = { _zod: { input: unknown; output: unknown } };
type In<S extends ZodLike> = S["_zod"]["input"];
type Out<S extends ZodLike> = S["_zod"]["output"];

export type {
  AuditItem,
  CreateEnterpriseRequest,
  EnterpriseDetail,
  EnterpriseListItem,
  EnterpriseStats,
  ImportJob,
  Me,
  UpdateEnterpriseRequest,
  UserItem,
};

export type LoginBody = In<typeof LoginRequest>;
export type ChangePasswordBody = In<typeof ChangePasswordRequest>;
export type CreateUserBody = In<typeof CreateUserRequest>;
export type UpdateUserBody = In<typeof UpdateUserRequest>;
export type Reference = Out<typeof ReferenceData>;
export type Contact = Out<typeof EnterpriseContact>;
export type AnnualFigures = EnterpriseDetail["annual"][number];

export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];
export type SortOrder = "asc" | "desc";

interface Paging {
  page?: number;
  pageSize?: number;
}
/** A list query as the web sends it: paging as numbers, not the coercing schema's `unknown`. */
type Paged<T> = Omit<T, "page" | "pageSize"> & Paging;

export type EnterpriseListParams = Paged<In<typeof EnterpriseListQuery>>;
export type UserListParams = Paged<In<typeof UserListQuery>>;
export type AuditParams = Paged<In<typeof AuditQuery>>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
