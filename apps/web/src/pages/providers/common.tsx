import type {
  ApplicationStatus,
  ExpertStatus,
  ProviderCategory,
  ProviderGradeKey,
  ProviderStatus,
} from "@dxcenter/domain";
import { PROVIDER_CATEGORIES } from "@dxcenter/domain";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n";

/** Shared bits of the provider-pool and expert-pool pages: tags, labels, scene options. */

const STATUS_COLORS: Partial<Record<ProviderStatus | ApplicationStatus, string>> = {
  admitted: "green",
  in_notice: "gold",
  under_review: "blue",
  applied: "cyan",
  submitted: "cyan",
  rejected: "red",
  exited: "default",
  suspended: "orange",
  withdrawn: "default",
};
export const ProviderStatusTag = ({ status }: { status: ProviderStatus }) => {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`pool.providerStatuses.${status}`)}</Tag>;
};
export const ApplicationStatusTag = ({ status }: { status: ApplicationStatus }) => {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`pool.applicationStatuses.${status}`)}</Tag>;
};
/** Labels in the current language (zh-CN the same as the domain's, which the exports use). */
export const providerStatusLabel = (s: ProviderStatus) => i18n.t(`pool.providerStatuses.${s}`);
export const expertStatusLabel = (s: ExpertStatus) => i18n.t(`pool.expertStatuses.${s}`);
export const categoryLabel = (c: ProviderCategory) => i18n.t(`pool.categories.${c}`);
export const gradeLabel = (g: ProviderGradeKey | null) => (g ? i18n.t(`pool.grades.${g}`) : "—");
const GRADE_COLORS: Record<ProviderGradeKey, string> = {
  excellent: "green",
  good: "blue",
  pass: "blue",
  fail: "red",
};
/** An annual evaluation's grade as a coloured tag. */
export const GradeTag = ({ grade }: { grade: ProviderGradeKey }) => (
  <Tag color={GRADE_COLORS[grade]}>{gradeLabel(grade)}</Tag>
);
/** Category options in the current language (call at render). */
export const categoryOptions = () =>
  PROVIDER_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));

/** MIIT 2024 scene (S01–S16) and sub-domain ids with their names, for tag filters. */
export const SCENE_OPTIONS = [
  ["S01", "产品设计"],
  ["S02", "工艺设计"],
  ["S03", "营销管理"],
  ["S04", "售后服务"],
  ["S05", "计划排程"],
  ["S06", "生产管控"],
  ["S07", "质量管理"],
  ["S08", "设备管理"],
  ["S09", "安全生产"],
  ["S10", "能耗管理"],
  ["S11", "采购管理"],
  ["S12", "仓储物流"],
  ["S13", "财务管理"],
  ["S14", "人力资源"],
  ["S15", "协同办公"],
  ["S16", "决策支持"],
  ["op-lifecycle", "产品生命周期数字化"],
  ["op-production", "生产执行数字化"],
  ["op-supply-chain", "供应链数字化"],
  ["op-decision", "管理决策数字化"],
].map(([value, label]) => ({ value: value!, label: `${value} ${label}` }));
export const sceneName = (id: string) => SCENE_OPTIONS.find((o) => o.value === id)?.label ?? id;
