import { Select, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useEnterpriseList } from "../../../api/hooks";

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}

/** Searches the registry (/api/enterprises?q=) and picks one enterprise by id. */
export function EnterprisePicker({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");

  useEffect(() => {
    const h = window.setTimeout(() => setQ(text.trim()), 300);
    return () => window.clearTimeout(h);
  }, [text]);

  const list = useEnterpriseList({ q: q || undefined, page: 1, pageSize: 20 });
  const options = (list.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.name}（${e.uscc}）`,
  }));

  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t("users.enterpriseSearch")}
      options={options}
      notFoundContent={list.isFetching ? <Spin size="small" /> : undefined}
      data-testid="enterprise-picker"
    />
  );
}
