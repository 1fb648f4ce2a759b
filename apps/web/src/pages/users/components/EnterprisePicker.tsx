import { useTranslation } from "react-i18next";
import { EnterpriseSearchSelect } from "../../../components/EnterpriseSearchSelect";

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}

/** Searches the registry (/api/enterprises?q=) and picks one enterprise by id (shown with its USCC); empty is null. */
export function EnterprisePicker({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  return (
    <EnterpriseSearchSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t("users.enterpriseSearch")}
      optionLabel={(e) => `${e.name}（${e.uscc}）`}
      testId="enterprise-picker"
    />
  );
}
