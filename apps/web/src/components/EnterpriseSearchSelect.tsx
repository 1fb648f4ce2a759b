import { Select, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useEnterpriseList } from "../api/hooks";
import type { EnterpriseListItem } from "../api/types";
import { useDebouncedSearch } from "./useDebouncedSearch";

/** Searches the registry (/api/enterprises?q=, the caller's scope) and picks one enterprise by id. */
export function EnterpriseSearchSelect({
  value,
  onChange,
  id,
  testId,
  placeholder,
  optionLabel = (e) => `${e.name}（${e.districtName}）`,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  testId?: string;
  /** Default: 输入企业名称或统一社会信用代码搜索 (assessment.enterprisePlaceholder). */
  placeholder?: string;
  /** An option's text; default name and district. */
  optionLabel?: (e: EnterpriseListItem) => string;
}) {
  const { t } = useTranslation();
  const [q, setText] = useDebouncedSearch();
  const list = useEnterpriseList({ q: q || undefined, page: 1, pageSize: 20 });
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={placeholder ?? t("assessment.enterprisePlaceholder")}
      options={(list.data?.items ?? []).map((e) => ({ value: e.id, label: optionLabel(e) }))}
      notFoundContent={list.isFetching ? <Spin size="small" /> : undefined}
      data-testid={testId}
    />
  );
}
