/**
 * The policy engine's project facts (fact catalogue, subject "project") from a project's fields.
 * Unknown stays absent (never 0), so a policy that needs it reports "missing information".
 */
import type { FactValue, ProjectType } from "../policy/fact-catalogue";
import type { ProjectStatus } from "./project";

export interface ProjectFactSource {
  readonly type: ProjectType;
  readonly status: ProjectStatus;
  readonly totalInvestmentFen: number;
  readonly equipmentInvestmentFen: number;
  readonly softwareInvestmentFen: number;
  /** 核定设备投资 set at the district review; null = not yet reviewed (the declared amount is used). */
  readonly approvedEquipmentInvestmentFen: number | null;
  /** Latest reported cumulative investment completed; used as 实际投资额 once 竣工 is reported. */
  readonly investmentCompletedFen: number | null;
  readonly loanPrincipalFen: number | null;
  readonly loanMonths: number | null;
  /** 入选市级示范项目, as declared with the application. */
  readonly cityDemonstration: boolean;
  /** The loan is within the 科技创新和技术改造再贷款 support scope. */
  readonly reloanSupported: boolean;
  readonly plannedStartDate: string;
  readonly plannedFinishDate: string;
  readonly startedOn: string | null;
  readonly finishedOn: string | null;
}

/** Project field → fact id, for the UI's "where does this fact come from". */
export const PROJECT_FACT_SOURCES: Readonly<Record<string, string>> = {
  projectType: "项目类型",
  totalInvestmentFen: "申报总投资",
  equipmentInvestmentFen: "申报设备投资",
  softwareInvestmentFen: "申报软硬件工具投资",
  approvedEquipmentInvestmentFen: "区级初审核定的设备投资（未核定时取申报额）",
  actualInvestmentFen: "竣工报告的累计完成投资（未竣工时取申报总投资）",
  completionAccepted: "竣工验收结果",
  loanPrincipalFen: "申报贷款本金",
  loanMonths: "申报贷款期限",
  cityDemonstration: "申报时填写的入选市级示范项目情况",
  reloanSupported: "申报时填写的再贷款支持范围情况",
  startDate: "开工报告日期（未开工时取计划开工日期）",
  finishDate: "竣工报告日期（未竣工时取计划竣工日期）",
};

export function projectFacts(p: ProjectFactSource): Record<string, FactValue> {
  const finished = p.status === "acceptance" || p.status === "completed";
  const f: Record<string, FactValue> = {
    projectType: p.type,
    totalInvestmentFen: p.totalInvestmentFen,
    equipmentInvestmentFen: p.equipmentInvestmentFen,
    softwareInvestmentFen: p.softwareInvestmentFen,
    approvedEquipmentInvestmentFen: p.approvedEquipmentInvestmentFen ?? p.equipmentInvestmentFen,
    actualInvestmentFen:
      finished && p.investmentCompletedFen !== null ? p.investmentCompletedFen : p.totalInvestmentFen,
    completionAccepted: p.status === "completed",
    cityDemonstration: p.cityDemonstration,
    startDate: p.startedOn ?? p.plannedStartDate,
    finishDate: p.finishedOn ?? p.plannedFinishDate,
  };
  if (p.loanPrincipalFen !== null) f.loanPrincipalFen = p.loanPrincipalFen;
  if (p.loanMonths !== null) f.loanMonths = p.loanMonths;
  // Without a loan the 再贷款 question does not arise: the fact is false, never "unknown".
  f.reloanSupported = p.reloanSupported && p.loanPrincipalFen !== null;
  return f;
}

/** Application checks that are not the schema's: the breakdown within the total, dates in order. Chinese message naming the field, or null. */
export function checkApplication(a: {
  totalInvestmentFen: number;
  equipmentInvestmentFen: number;
  softwareInvestmentFen: number;
  plannedStartDate: string;
  plannedFinishDate: string;
  loanPrincipalFen?: number | null;
  loanMonths?: number | null;
  reloanSupported?: boolean;
}): { field: string; message: string } | null {
  if (a.totalInvestmentFen <= 0) return { field: "totalInvestmentWan", message: "项目总投资：应大于 0" };
  if (a.equipmentInvestmentFen < 0)
    return { field: "equipmentInvestmentWan", message: "设备投资：不能为负数" };
  if (a.softwareInvestmentFen < 0)
    return { field: "softwareInvestmentWan", message: "软硬件工具投资：不能为负数" };
  if (a.equipmentInvestmentFen + a.softwareInvestmentFen > a.totalInvestmentFen)
    return { field: "equipmentInvestmentWan", message: "设备投资与软硬件工具投资之和不能超过项目总投资" };
  if (a.plannedFinishDate < a.plannedStartDate)
    return { field: "plannedFinishDate", message: "计划竣工日期不能早于计划开工日期" };
  const hasLoan = a.loanPrincipalFen !== undefined && a.loanPrincipalFen !== null;
  const hasMonths = a.loanMonths !== undefined && a.loanMonths !== null;
  if (hasLoan && !hasMonths)
    return { field: "loanMonths", message: "贷款期限：填写贷款本金时请填写贷款期限（月）" };
  if (!hasLoan && hasMonths)
    return { field: "loanPrincipalWan", message: "贷款本金：填写贷款期限时请填写贷款本金" };
  if (a.reloanSupported && !hasLoan)
    return { field: "loanPrincipalWan", message: "贷款本金：纳入再贷款支持范围的项目请填写贷款本金与期限" };
  return null;
}
