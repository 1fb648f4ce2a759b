import type {
  AuditItem,
  ChangePasswordRequest,
  CreateEnterpriseRequest,
  CreateUserRequest,
  ENTERPRISE_SORTS,
  EnterpriseContact,
  EnterpriseDetail,
  EnterpriseListItem,
  EnterpriseStats,
  ImportJob,
  LoginRequest,
  Me,
  ReferenceData,
  UpdateEnterpriseRequest,
  UpdateUserRequest,
  UserItem,
} from "@dxcenter/contracts";
import type { Role, SrdiTier } from "@dxcenter/domain";

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
export type BoolParam = "true" | "false";

interface Paging {
  page?: number;
  pageSize?: number;
}

/** GET /api/enterprises filters as sent in the query string. */
export interface EnterpriseListParams extends Paging {
  q?: string;
  districtCode?: string;
  industryCode?: string;
  aboveScale?: BoolParam;
  srdiTier?: SrdiTier;
  srdi?: "any";
  tag?: string;
  sort?: EnterpriseSort;
  order?: SortOrder;
}

export interface UserListParams extends Paging {
  q?: string;
  role?: Role;
  districtCode?: string;
  disabled?: BoolParam;
}

export interface AuditParams extends Paging {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
