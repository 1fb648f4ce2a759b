import type { RuleObject } from "antd/es/form";
import i18n from "../i18n";

/**
 * Client copy of the server's PASSWORD_RULE: 12 to 128 characters. The server also refuses common or
 * guessable passwords, the account's or the platform's name, and the account's recent passwords.
 */
export function passwordRuleOk(p: string): boolean {
  return p.length >= 12 && p.length <= 128;
}

export const passwordRule = {
  validator: (_: RuleObject, value: unknown) =>
    typeof value !== "string" || value === "" || passwordRuleOk(value)
      ? Promise.resolve()
      : Promise.reject(new Error(i18n.t("auth.passwordRule"))),
};
