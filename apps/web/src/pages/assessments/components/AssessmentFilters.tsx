import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useInstruments } from "../../../api/assessments";
import { useCurrentUser } from "../../../auth/context";
import { FilterBar, type ListState } from "../../../components/list";
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
        me.role !== "enterprise" && {
          kind: "search",
          key: "q",
          testId: "assessment-search",
          placeholder: t("assessment.searchPlaceholder"),
          width: 240,
        },
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
        {
          kind: "select",
          key: "status",
          testId: "filter-status",
          placeholder: t("assessment.filters.status"),
          width: 130,
          options: [
            { value: "draft", label: t("assessment.status.draft") },
            { value: "submitted", label: t("assessment.status.submitted") },
          ],
        },
        me.role === "city_admin" && {
          kind: "select",
          key: "districtCode",
          testId: "filter-district",
          searchable: true,
          placeholder: t("assessment.filters.district"),
          width: 160,
          loading: ref.loading,
          options: ref.districtOptions,
        },
        me.role === "district_admin" && (
          <Tag key="district" color="blue" data-testid="district-fixed">
            {t("assessment.filters.district")}：{me.districtName ?? me.districtCode}
          </Tag>
        ),
      ]}
    />
  );
}
