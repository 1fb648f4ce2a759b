export const ROLES = [
  "city_admin",
  "district_admin",
  "enterprise",
  "provider",
  "expert",
  "department",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  city_admin: "市工信局",
  district_admin: "区工信部门",
  enterprise: "企业",
  provider: "服务商",
  expert: "专家",
  department: "协同部门",
};

/** Who is acting. Bindings are required by role: district_admin → districtCode, enterprise → enterpriseId. */
export interface Actor {
  id: string;
  role: Role;
  districtCode: string | null;
  enterpriseId: string | null;
}

/** Checks that a role's mandatory binding is present; returns a Chinese message naming the field, or null. */
export function checkRoleBinding(
  role: Role,
  binding: { districtCode?: string | null; enterpriseId?: string | null },
): { field: string; message: string } | null {
  if (role === "district_admin" && !binding.districtCode?.trim()) {
    return { field: "districtCode", message: "区工信部门账号必须绑定所属区" };
  }
  if (role === "enterprise" && !binding.enterpriseId?.trim()) {
    return { field: "enterpriseId", message: "企业账号必须绑定一家企业" };
  }
  return null;
}
