import { ROLES } from "@dxcenter/domain";
import { z } from "zod";

export const RoleSchema = z.enum(ROLES);

export const LoginRequest = z.object({
  username: z.string().trim().min(1, "请输入用户名").max(64),
  password: z.string().min(1, "请输入密码").max(200),
});

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  organization: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const PASSWORD_RULE = z
  .string()
  .min(10, "密码至少10位")
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "密码须同时包含字母和数字");

export const ChangePasswordRequest = z.object({
  oldPassword: z.string().min(1),
  newPassword: PASSWORD_RULE,
});
