import { Button, DatePicker, Progress, Space, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type DiagnosisPlan, usePlanList } from "../../../api/diagnoses";
import { useCurrentUser } from "../../../auth/context";
import {
  CreateButton,
  ExportButton,
  filter,
  ListView,
  type ServerColumn,
  useListParams,
} from "../../../components/list";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import { PLAN_LIST } from "../listSpec";
import { PlanModal } from "./PlanModal";

/** 诊断计划: each district's dated plans with progress (visited / total) and overdue visits. */
export function PlansTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const list = useListParams(PLAN_LIST);
  const query = usePlanList(list.params);
  const [editing, setEditing] = useState<DiagnosisPlan | "new" | null>(null);

  const columns: ServerColumn<DiagnosisPlan>[] = [
    { key: "name", title: t("diagnosis.plans.name"), dataIndex: "name", width: 240 },
    { key: "district", title: t("diagnosis.plans.district"), dataIndex: "districtName", width: 100 },
    {
      key: "period",
      title: t("diagnosis.plans.period"),
      width: 210,
      render: (_: unknown, p) => `${p.startDate} 至 ${p.endDate}`,
    },
    {
      key: "progress",
      title: `${t("diagnosis.plans.progress")}（${t("diagnosis.plans.visited")}/${t("diagnosis.plans.total")}）`,
      width: 220,
      render: (_: unknown, p) => (
        <div data-testid="plan-progress">
          <Progress
            percent={p.total ? Math.round((p.visited / p.total) * 100) : 0}
            size="small"
            format={() => `${p.visited}/${p.total}`}
          />
        </div>
      ),
    },
    { key: "closed", title: t("diagnosis.plans.closed"), dataIndex: "closed", width: 80, align: "right" },
    {
      key: "overdue",
      title: t("diagnosis.plans.overdue"),
      dataIndex: "overdue",
      width: 100,
      align: "right",
      render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
    },
    {
      key: "actions",
      title: t("common.actions"),
      width: 170,
      fixed: "right",
      render: (_: unknown, p) => (
        <Space>
          <Link to={`/diagnoses?planId=${p.id}`}>{t("diagnosis.plans.viewDiagnoses")}</Link>
          <Button type="link" size="small" onClick={() => setEditing(p)}>
            {t("common.edit")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="plans-tab">
      <ListView
        list={list}
        filters={[
          filter.search(t("diagnosis.plans.searchPlaceholder"), 220),
          me.role === "city_admin" &&
            filter.district(t("diagnosis.plans.district"), 150, ref.districtOptions),
          <DatePicker
            key="year"
            picker="year"
            placeholder={t("diagnosis.plans.year")}
            value={list.params.year ? dayjs(`${list.params.year}-01-01`) : null}
            onChange={(d) => list.update({ year: d ? d.year() : undefined })}
          />,
        ]}
        filterExtra={
          <Space>
            <ExportButton
              path="/api/diagnoses/plans/export"
              query={list.params}
              fileName={t("diagnosis.plans.exportName")}
            />
            <CreateButton onClick={() => setEditing("new")} testId="plan-new">
              {t("diagnosis.plans.new")}
            </CreateButton>
          </Space>
        }
        columns={columns}
        query={query}
        scrollX={1100}
        empty={t("diagnosis.plans.empty")}
      />
      {editing ? (
        <PlanModal plan={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
}
