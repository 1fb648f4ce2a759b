import { type Actor, canUpdateEnterprise, decideStep, diagnosisWorkflow } from "@dxcenter/domain";
import { AppError, forbidden } from "../../errors";
import type { AssessmentRow } from "./assessment.queries";

/**
 * Who may fill in / submit. A self-assessment: the enterprise itself, or bureau staff whose scope
 * covers it. An on-site assessment: the diagnosis team or the bureau, while the visit is in progress
 * (the diagnosis workflow's `record` step).
 */
export function canWriteAssessment(actor: Actor, row: AssessmentRow) {
  const enterprise = { id: row.a.enterpriseId, districtCode: row.districtCode };
  if (row.a.kind === "onsite") {
    const facts = {
      enterpriseId: enterprise.id,
      districtCode: enterprise.districtCode,
      status: row.diagnosisStatus ?? "cancelled",
      teamUserIds: row.teamUserIds,
    };
    return decideStep(diagnosisWorkflow, actor, facts, "record").ok;
  }
  return canWriteSelfAssessment(actor, enterprise);
}

/** Self-assessments: the enterprise itself, or bureau staff whose scope covers it. */
export function canWriteSelfAssessment(actor: Actor, enterprise: { id: string; districtCode: string }) {
  return (
    ["city_admin", "district_admin", "enterprise"].includes(actor.role) &&
    canUpdateEnterprise(actor, enterprise)
  );
}

/** Drafts only, and only by those who may fill in for this enterprise. */
export function assertDraftWritable(actor: Actor, row: AssessmentRow) {
  if (!canWriteAssessment(actor, row))
    throw forbidden(row.a.kind === "onsite" ? "填写该现场评定" : "填写该评估");
  if (row.a.status !== "draft") {
    throw new AppError(409, "ASSESSMENT_SUBMITTED", "该评估已提交，不能再修改；如需重新评估请新建一次评估");
  }
}
