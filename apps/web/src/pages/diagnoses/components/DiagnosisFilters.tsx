import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { usePlanList } from "../../../api/diagnoses";
import { useCurrentUser } from "../../../auth/context";
import { FilterBar, filter, type ListState } from "../../../components/list";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import { DIAGNOSIS_STATUSES, type DiagnosisParams } from "../listSpec";

export function DiagnosisFilters({
  list,
  extra,
}: {
  list: ListState<DiagnosisParams>;
  extra: React.ReactNode;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const bureau = me.role === "city_admin" || me.role === "district_admin";
  const plans = usePlanList({ pageSize: 200, districtCode: list.params.districtCode }, bureau);

  return (
    <FilterBar
      list={list}
      extra={extra}
      items={[
        me.role !== "enterprise" &&
          filter.search(t("diagnosis.searchPlaceholder"), 220, { testId: "diagnosis-search" }),
        filter.oneOf(
          "status",
          t("diagnosis.columns.status"),
          150,
          DIAGNOSIS_STATUSES,
          (s) => t(`diagnosis.status.${s}`),
          { testId: "diagnosis-filter-status" },
        ),
        me.role === "city_admin" && {
          kind: "select",
          key: "districtCode",
          searchable: true,
          placeholder: t("diagnosis.columns.district"),
          width: 150,
          loading: ref.loading,
          options: ref.districtOptions,
          alsoSet: { planId: undefined },
        },
        me.role === "district_admin" && (
          <Tag key="district" color="blue">
            {t("diagnosis.columns.district")}：{me.districtName ?? me.districtCode}
          </Tag>
        ),
        bureau && {
          kind: "select",
          key: "planId",
          testId: "diagnosis-filter-plan",
          searchable: true,
          placeholder: t("diagnosis.columns.plan"),
          width: 240,
          loading: plans.isPending,
          options: (plans.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.name}（${p.districtName}）`,
          })),
        },
        {
          kind: "check",
          key: "overdue",
          testId: "diagnosis-filter-overdue",
          label: t("diagnosis.overdueOnly"),
        },
      ]}
    />
  );
}
