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

/**
 * The shape of a new password (ASVS 4.0.3 V2.1.1–2.1.2, 2.1.9): at least 12 characters, up to 128, no
 * composition rules. Whether it is common, guessable, built from the account's or the platform's name,
 * or one of the account's recent passwords is checked by the server (lib/password-policy.ts).
 */
export const PASSWORD_RULE = z.string().min(12, "密码至少12位").max(128, "密码不超过128位");

export const ChangePasswordRequest = z.object({
  oldPassword: z.string().min(1),
  newPassword: PASSWORD_RULE,
});
