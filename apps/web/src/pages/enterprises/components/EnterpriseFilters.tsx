import { SearchOutlined } from "@ant-design/icons";
import { SRDI_TIERS } from "@dxcenter/domain";
import { Button, Input, Select, Space, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { EnterpriseListParams } from "../../../api/types";
import { useCurrentUser } from "../../../auth/context";
import { useReferenceOptions } from "../../../components/useReferenceOptions";

interface Props {
  params: EnterpriseListParams;
  onChange: (patch: Partial<EnterpriseListParams>) => void;
  onReset: () => void;
}

type SrdiChoice = "any" | (typeof SRDI_TIERS)[number];

export function EnterpriseFilters({ params, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const [text, setText] = useState(params.q ?? "");
  const [tag, setTag] = useState(params.tag ?? "");

  // Follow the URL (back/forward, reset).
  useEffect(() => setText(params.q ?? ""), [params.q]);
  useEffect(() => setTag(params.tag ?? ""), [params.tag]);

  // Search as the user types (debounced); Enter searches at once.
  useEffect(() => {
    const handle = window.setTimeout(() => {
      if (text.trim() !== (params.q ?? "")) onChange({ q: text.trim() || undefined });
    }, 400);
    return () => window.clearTimeout(handle);
  }, [text, params.q, onChange]);

  const srdiValue: SrdiChoice | undefined = params.srdi === "any" ? "any" : params.srdiTier;
  const isDistrict = me.role === "district_admin";

  return (
    <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
      <Input
        data-testid="enterprise-search"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t("enterprise.searchPlaceholder")}
        style={{ width: 300 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => onChange({ q: text.trim() || undefined })}
      />
      {isDistrict ? (
        <Tag color="blue" data-testid="district-fixed">
          {t("enterprise.filters.district")}：{me.districtName ?? me.districtCode}
        </Tag>
      ) : (
        <Select
          data-testid="filter-district"
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("enterprise.filters.district")}
          style={{ width: 160 }}
          loading={ref.loading}
          options={ref.districtOptions}
          value={params.districtCode}
          onChange={(v: string | undefined) => onChange({ districtCode: v })}
        />
      )}
      <Select
        data-testid="filter-industry"
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("enterprise.filters.industry")}
        style={{ width: 240 }}
        loading={ref.loading}
        options={ref.industryOptions}
        value={params.industryCode}
        onChange={(v: string | undefined) => onChange({ industryCode: v })}
        popupMatchSelectWidth={320}
      />
      <Select
        data-testid="filter-above-scale"
        allowClear
        placeholder={t("enterprise.filters.aboveScale")}
        style={{ width: 130 }}
        options={[
          { value: "true", label: t("enterprise.filters.aboveScaleYes") },
          { value: "false", label: t("enterprise.filters.aboveScaleNo") },
        ]}
        value={params.aboveScale}
        onChange={(v: "true" | "false" | undefined) => onChange({ aboveScale: v })}
      />
      <Select<SrdiChoice>
        data-testid="filter-srdi"
        allowClear
        placeholder={t("enterprise.filters.srdi")}
        style={{ width: 200 }}
        options={[
          { value: "any", label: t("enterprise.filters.srdiAny") },
          ...SRDI_TIERS.map((s) => ({ value: s, label: t(`srdi.${s}`) })),
        ]}
        value={srdiValue}
        onChange={(v: SrdiChoice | undefined) =>
          onChange(v === "any" ? { srdi: "any", srdiTier: undefined } : { srdi: undefined, srdiTier: v })
        }
      />
      <Input
        data-testid="filter-tag"
        allowClear
        placeholder={t("enterprise.filters.tag")}
        style={{ width: 140 }}
        value={tag}
        maxLength={20}
        onChange={(e) => {
          setTag(e.target.value);
          if (e.target.value === "") onChange({ tag: undefined });
        }}
        onPressEnter={() => onChange({ tag: tag.trim() || undefined })}
        onBlur={() => {
          if (tag.trim() !== (params.tag ?? "")) onChange({ tag: tag.trim() || undefined });
        }}
      />
      <Button onClick={onReset}>{t("common.reset")}</Button>
    </Space>
  );
}
