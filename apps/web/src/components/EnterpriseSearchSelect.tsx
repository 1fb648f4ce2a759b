import { Select, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useEnterpriseList } from "../api/hooks";

/** Searches the registry (/api/enterprises?q=, the caller's scope) and picks one enterprise by id. */
export function EnterpriseSearchSelect({
  value,
  onChange,
  id,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = window.setTimeout(() => setQ(text.trim()), 300);
    return () => window.clearTimeout(h);
  }, [text]);
  const list = useEnterpriseList({ q: q || undefined, page: 1, pageSize: 20 });
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t("assessment.enterprisePlaceholder")}
      options={(list.data?.items ?? []).map((e) => ({
        value: e.id,
        label: `${e.name}（${e.districtName}）`,
      }))}
      notFoundContent={list.isFetching ? <Spin size="small" /> : undefined}
      data-testid={testId}
    />
  );
}
