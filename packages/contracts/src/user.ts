import { z } from "zod";
import { RoleSchema } from "./auth";
import { PageQuery, QueryBool } from "./common";

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  role: RoleSchema.optional(),
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  disabled: QueryBool,
});

export const UserItem = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  organization: z.string().nullable(),
  disabled: z.boolean(),
  isDemo: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserItem = z.infer<typeof UserItem>;

export const PASSWORD_RULE = z
  .string()
  .min(10, "密码至少10位")
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "密码须同时包含字母和数字");

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
