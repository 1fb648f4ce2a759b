import { SearchOutlined } from "@ant-design/icons";
import { Button, Checkbox, Input, Select, Space, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DiagnosisListParams, type DiagnosisStatus, usePlanList } from "../../../api/diagnoses";
import { useCurrentUser } from "../../../auth/context";
import { useReferenceOptions } from "../../../components/useReferenceOptions";

const STATUSES: DiagnosisStatus[] = [
  "requested",
  "scheduled",
  "in_progress",
  "verified",
  "closed",
  "cancelled",
];

interface Props {
  params: DiagnosisListParams;
  onChange: (patch: Partial<DiagnosisListParams>) => void;
  onReset: () => void;
}

export function DiagnosisFilters({ params, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const bureau = me.role === "city_admin" || me.role === "district_admin";
  const plans = usePlanList({ pageSize: 200, districtCode: params.districtCode }, bureau);
  const [text, setText] = useState(params.q ?? "");
  useEffect(() => setText(params.q ?? ""), [params.q]);
  useEffect(() => {
    const h = window.setTimeout(() => {
      if (text.trim() !== (params.q ?? "")) onChange({ q: text.trim() || undefined });
    }, 400);
    return () => window.clearTimeout(h);
  }, [text, params.q, onChange]);

  return (
    <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
      {me.role === "enterprise" ? null : (
        <Input
          data-testid="diagnosis-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("diagnosis.searchPlaceholder")}
          style={{ width: 220 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => onChange({ q: text.trim() || undefined })}
        />
      )}
      <Select<DiagnosisStatus>
        data-testid="diagnosis-filter-status"
        allowClear
        placeholder={t("diagnosis.columns.status")}
        style={{ width: 150 }}
        options={STATUSES.map((s) => ({ value: s, label: t(`diagnosis.status.${s}`) }))}
        value={params.status}
        onChange={(v: DiagnosisStatus | undefined) => onChange({ status: v })}
      />
      {me.role === "city_admin" ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("diagnosis.columns.district")}
          style={{ width: 150 }}
          loading={ref.loading}
          options={ref.districtOptions}
          value={params.districtCode}
          onChange={(v: string | undefined) => onChange({ districtCode: v, planId: undefined })}
        />
      ) : null}
      {me.role === "district_admin" ? (
        <Tag color="blue">
          {t("diagnosis.columns.district")}：{me.districtName ?? me.districtCode}
        </Tag>
      ) : null}
      {bureau ? (
        <Select
          data-testid="diagnosis-filter-plan"
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("diagnosis.columns.plan")}
          style={{ width: 240 }}
          loading={plans.isPending}
          options={(plans.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.name}（${p.districtName}）`,
          }))}
          value={params.planId}
          onChange={(v: string | undefined) => onChange({ planId: v })}
        />
      ) : null}
      <Checkbox
        data-testid="diagnosis-filter-overdue"
        checked={params.overdue === "true"}
        onChange={(e) => onChange({ overdue: e.target.checked ? "true" : undefined })}
      >
        {t("diagnosis.overdueOnly")}
      </Checkbox>
      <Button onClick={onReset}>{t("common.reset")}</Button>
    </Space>
  );
}
