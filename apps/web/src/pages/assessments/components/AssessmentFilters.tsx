import { ASSESSMENT_STATUSES } from "@dxcenter/domain";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useInstruments } from "../../../api/assessments";
import { useCurrentUser } from "../../../auth/context";
import { FilterBar, filter, type ListState } from "../../../components/list";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import type { AssessmentParams } from "../listSpec";

export function AssessmentFilters({ list }: { list: ListState<AssessmentParams> }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const instruments = useInstruments();
  const ref = useReferenceOptions();

  return (
    <FilterBar
      list={list}
      items={[
        me.role !== "enterprise" &&
          filter.search(t("assessment.searchPlaceholder"), 240, { testId: "assessment-search" }),
        {
          kind: "select",
          key: "instrumentId",
          testId: "filter-instrument",
          placeholder: t("assessment.filters.instrument"),
          width: 300,
          loading: instruments.isPending,
          options: (instruments.data ?? []).map((i) => ({ value: i.id, label: i.name })),
          popupWidth: 420,
        },
        filter.oneOf(
          "status",
          t("assessment.filters.status"),
          130,
          ASSESSMENT_STATUSES,
          (s) => t(`assessment.status.${s}`),
          { testId: "filter-status" },
        ),
        me.role === "city_admin" &&
          filter.district(t("assessment.filters.district"), 160, ref.districtOptions, {
            testId: "filter-district",
            loading: ref.loading,
          }),
        me.role === "district_admin" && (
          <Tag key="district" color="blue" data-testid="district-fixed">
            {t("assessment.filters.district")}：{me.districtName ?? me.districtCode}
          </Tag>
        ),
      ]}
    />
  );
}
