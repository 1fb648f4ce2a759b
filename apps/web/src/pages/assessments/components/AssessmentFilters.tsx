import { SearchOutlined } from "@ant-design/icons";
import { Button, Input, Select, Space, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useInstruments } from "../../../api/hooks";
import type { AssessmentListParams, AssessmentStatus } from "../../../api/types";
import { useCurrentUser } from "../../../auth/context";
import { useReferenceOptions } from "../../../components/useReferenceOptions";

interface Props {
  params: AssessmentListParams;
  onChange: (patch: Partial<AssessmentListParams>) => void;
  onReset: () => void;
}

export function AssessmentFilters({ params, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const instruments = useInstruments();
  const isCity = me.role === "city_admin";
  const isEnterprise = me.role === "enterprise";
  const ref = useReferenceOptions();
  const [text, setText] = useState(params.q ?? "");

  useEffect(() => setText(params.q ?? ""), [params.q]);

  useEffect(() => {
    const handle = window.setTimeout(() => {
      if (text.trim() !== (params.q ?? "")) onChange({ q: text.trim() || undefined });
    }, 400);
    return () => window.clearTimeout(handle);
  }, [text, params.q, onChange]);

  return (
    <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
      {isEnterprise ? null : (
        <Input
          data-testid="assessment-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("assessment.searchPlaceholder")}
          style={{ width: 240 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => onChange({ q: text.trim() || undefined })}
        />
      )}
      <Select
        data-testid="filter-instrument"
        allowClear
        placeholder={t("assessment.filters.instrument")}
        style={{ width: 300 }}
        loading={instruments.isPending}
        options={(instruments.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
        value={params.instrumentId}
        onChange={(v: string | undefined) => onChange({ instrumentId: v })}
        popupMatchSelectWidth={420}
      />
      <Select<AssessmentStatus>
        data-testid="filter-status"
        allowClear
        placeholder={t("assessment.filters.status")}
        style={{ width: 130 }}
        options={[
          { value: "draft", label: t("assessment.status.draft") },
          { value: "submitted", label: t("assessment.status.submitted") },
        ]}
        value={params.status}
        onChange={(v: AssessmentStatus | undefined) => onChange({ status: v })}
      />
      {isCity ? (
        <Select
          data-testid="filter-district"
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("assessment.filters.district")}
          style={{ width: 160 }}
          loading={ref.loading}
          options={ref.districtOptions}
          value={params.districtCode}
          onChange={(v: string | undefined) => onChange({ districtCode: v })}
        />
      ) : null}
      {me.role === "district_admin" ? (
        <Tag color="blue" data-testid="district-fixed">
          {t("assessment.filters.district")}：{me.districtName ?? me.districtCode}
        </Tag>
      ) : null}
      <Button onClick={onReset}>{t("common.reset")}</Button>
    </Space>
  );
}
