import { EVENT_STATUS_LABELS, type EventStatus, type EventStep } from "@dxcenter/domain";
import type { WorkflowTexts } from "../../lib/workflow";

/** The Chinese words of the event steps' refusals (the rules are domain EVENT_WORKFLOW). */

const STEP_LABELS: Record<EventStep, string> = {
  edit: "修改",
  finish: "标记为已举办",
  cancel: "取消",
  replan: "重新开放报名",
  register: "报名",
  attend: "登记签到",
  leads: "登记线索",
};

export const EVENT_TEXTS: WorkflowTexts<EventStep, EventStatus> = {
  entity: "event",
  action: {
    edit: "管理该对接活动",
    finish: "管理该对接活动",
    cancel: "管理该对接活动",
    replan: "管理该对接活动",
    register: "报名该活动",
    attend: "管理该对接活动",
    leads: "管理该对接活动",
  },
  conflict: (step, status) =>
    step === "register"
      ? "活动不在报名中，不能报名"
      : `活动当前为“${EVENT_STATUS_LABELS[status]}”，不能${STEP_LABELS[step]}`,
};
