import type { RuleObject } from "antd/es/form";
import i18n from "../i18n";

/** Client copy of the server's PASSWORD_RULE: ≥ 10 characters with letters and digits. */
export function passwordRuleOk(p: string): boolean {
  return p.length >= 10 && p.length <= 200 && /[A-Za-z]/.test(p) && /\d/.test(p);
}

export const passwordRule = {
  validator: (_: RuleObject, value: unknown) =>
    typeof value !== "string" || value === "" || passwordRuleOk(value)
      ? Promise.resolve()
      : Promise.reject(new Error(i18n.t("auth.passwordRule"))),
};
