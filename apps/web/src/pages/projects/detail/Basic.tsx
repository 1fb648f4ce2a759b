import { Descriptions, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ProjectDetail } from "../../../api/projects";
import { wan } from "../../../utils/format";

/** 申报信息: the application as declared (amounts in 万元), with the approved equipment amount beside it. */
export function Basic({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
      <Descriptions.Item label={t("project.columns.enterprise")}>{p.enterpriseName}</Descriptions.Item>
      <Descriptions.Item label={t("project.columns.district")}>{p.districtName}</Descriptions.Item>
      <Descriptions.Item label={t("project.columns.type")}>{t(`project.types.${p.type}`)}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.total")}>
        <span data-testid="project-total-wan">{wan(p.totalInvestmentFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("project.form.equipment")}>
        {wan(p.equipmentInvestmentFen)}
        {p.approvedEquipmentFen !== null
          ? t("project.detail.approvedEquipmentNote", { amount: wan(p.approvedEquipmentFen) })
          : ""}
      </Descriptions.Item>
      <Descriptions.Item label={t("project.form.software")}>{wan(p.softwareInvestmentFen)}</Descriptions.Item>
      <Descriptions.Item label={t("project.detail.loan")}>
        {p.loanPrincipalFen !== null ? wan(p.loanPrincipalFen) : "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("project.detail.loanMonths")}>{p.loanMonths ?? "—"}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.policyFacts")}>
        <Space wrap size={4} data-testid="project-policy-facts">
          <Tag color={p.cityDemonstration ? "green" : "default"}>
            {t("project.form.cityDemonstration")}：{p.cityDemonstration ? t("common.yes") : t("common.no")}
          </Tag>
          <Tag color={p.reloanSupported ? "green" : "default"}>
            {t("project.detail.reloanShort")}：{p.reloanSupported ? t("common.yes") : t("common.no")}
          </Tag>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t("project.form.plannedStart")}>{p.plannedStartDate}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.plannedFinish")}>{p.plannedFinishDate}</Descriptions.Item>
      <Descriptions.Item label={t("project.detail.expertAverage")}>{p.expertScore ?? "—"}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.outcomes")} span={3}>
        {p.expectedOutcomes || "—"}
      </Descriptions.Item>
    </Descriptions>
  );
}
