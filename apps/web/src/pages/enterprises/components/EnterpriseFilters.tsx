import { SRDI_TIERS } from "@dxcenter/domain";
import { Input, Select, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../../auth/context";
import { FilterBar, filter, type ListState } from "../../../components/list";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import type { EnterpriseParams } from "../listSpec";

type SrdiChoice = "any" | (typeof SRDI_TIERS)[number];

export function EnterpriseFilters({ list }: { list: ListState<EnterpriseParams> }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const { params, update } = list;
  const [tag, setTag] = useState(params.tag ?? "");
  useEffect(() => setTag(params.tag ?? ""), [params.tag]);

  const srdiValue: SrdiChoice | undefined = params.srdi === "any" ? "any" : params.srdiTier;

  return (
    <FilterBar
      list={list}
      items={[
        filter.search(t("enterprise.searchPlaceholder"), 300, { testId: "enterprise-search" }),
        me.role === "district_admin" ? (
          <Tag key="district" color="blue" data-testid="district-fixed">
            {t("enterprise.filters.district")}：{me.districtName ?? me.districtCode}
          </Tag>
        ) : (
          filter.district(t("enterprise.filters.district"), 160, ref.districtOptions, {
            testId: "filter-district",
            loading: ref.loading,
          })
        ),
        {
          kind: "select",
          key: "industryCode",
          testId: "filter-industry",
          searchable: true,
          placeholder: t("enterprise.filters.industry"),
          width: 240,
          loading: ref.loading,
          options: ref.industryOptions,
          popupWidth: 320,
        },
        {
          kind: "select",
          key: "aboveScale",
          testId: "filter-above-scale",
          placeholder: t("enterprise.filters.aboveScale"),
          width: 130,
          options: filter.yesNo(t("enterprise.filters.aboveScaleYes"), t("enterprise.filters.aboveScaleNo")),
        },
        <Select<SrdiChoice>
          key="srdi"
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
            update(v === "any" ? { srdi: "any", srdiTier: undefined } : { srdi: undefined, srdiTier: v })
          }
        />,
        <Input
          key="tag"
          data-testid="filter-tag"
          allowClear
          placeholder={t("enterprise.filters.tag")}
          style={{ width: 140 }}
          value={tag}
          maxLength={20}
          onChange={(e) => {
            setTag(e.target.value);
            if (e.target.value === "") update({ tag: undefined });
          }}
          onPressEnter={() => update({ tag: tag.trim() || undefined })}
          onBlur={() => {
            if (tag.trim() !== (params.tag ?? "")) update({ tag: tag.trim() || undefined });
          }}
        />,
      ]}
    />
  );
}
