import {
  DEMAND_STATUS_LABELS,
  type DemandStatus,
  type DemandStep,
  LEAD_STATUS_LABELS,
  type LeadStatus,
  type LeadStep,
} from "@dxcenter/domain";
import type { WorkflowTexts } from "../../lib/workflow";

/** The Chinese words of the demand and lead steps' refusals (the rules are domain DEMAND_/LEAD_WORKFLOW). */

const DEMAND_STEP_LABELS: Record<DemandStep, string> = {
  edit: "修改",
  close: "关闭",
  reopen: "重新打开",
  shortlist: "加入对接意向",
};

export const DEMAND_TEXTS: WorkflowTexts<DemandStep, DemandStatus> = {
  entity: "demand",
  action: {
    edit: "修改该需求",
    close: "修改该需求",
    reopen: "修改该需求",
    shortlist: "为该需求选择服务方案",
  },
  conflict: (step, status) =>
    step === "shortlist"
      ? "需求已关闭，不能再加入对接意向"
      : `需求当前为“${DEMAND_STATUS_LABELS[status]}”，不能${DEMAND_STEP_LABELS[step]}`,
};

/** The status each lead step moves a lead into (the 409 names it). */
const LEAD_INTO: Record<LeadStep, LeadStatus> = {
  contact: "contacted",
  contract: "contracted",
  decline: "declined",
};

export const LEAD_TEXTS: WorkflowTexts<LeadStep, LeadStatus> = {
  entity: "lead",
  action: {
    contact: "变更该对接线索",
    contract: "变更该对接线索（服务商只能标记已联系）",
    decline: "变更该对接线索（服务商只能标记已联系）",
  },
  conflict: (step, status) =>
    `对接线索不能从“${LEAD_STATUS_LABELS[status]}”改为“${LEAD_STATUS_LABELS[LEAD_INTO[step]]}”`,
};
