import { z } from "zod";
import { Me, PASSWORD_RULE, RoleSchema } from "./auth";
import { districtCodeFilter, PageQuery, QueryBool, searchText } from "./common";

export const UserListQuery = PageQuery.extend({
  q: searchText(64),
  role: RoleSchema.optional(),
  districtCode: districtCodeFilter(),
  disabled: QueryBool,
});

export const UserItem = Me.extend({
  disabled: z.boolean(),
  isDemo: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserItem = z.infer<typeof UserItem>;

export const CreateUserRequest = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,64}$/, "用户名为3–64位字母、数字、下划线、点或连字符"),
  displayName: z.string().trim().min(1).max(50),
  role: RoleSchema,
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  enterpriseId: z.uuid().nullable().optional(),
  organization: z.string().trim().max(100).nullable().optional(),
  password: PASSWORD_RULE,
});

export const UpdateUserRequest = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  disabled: z.boolean().optional(),
  organization: z.string().trim().max(100).nullable().optional(),
  /** Sets a new password and clears any lock. */
  password: PASSWORD_RULE.optional(),
  unlock: z.boolean().optional(),
  version: z.number().int().min(1),
});
