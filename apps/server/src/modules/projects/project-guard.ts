import type { Database, Executor, Tx } from "@dxcenter/db";
import {
  type Actor,
  type AuditAction,
  PROJECT_STATUS_LABELS,
  type ProjectFacts,
  type ProjectStatus,
  type ProjectStep,
  projectWorkflow,
} from "@dxcenter/domain";
import { conflict } from "../../errors";
import { assertStep, runStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { bumpProjectVersion, findProjectRow, type ProjectRow } from "./project.queries";

/**
 * The project workflow's runner: the Chinese words of its refusals, the facts the table decides on,
 * and one step = lock and re-read the project → table check (403/409) and version → change → bump
 * the version. The rules themselves are domain/access/project-access.ts (projectWorkflow).
 */

const STATE_HINT: Record<ProjectStep, string> = {
  edit: "只有草稿或退回修改的项目可以修改",
  submit: "只有草稿或退回修改的项目可以提交",
  districtReview: "只有待区级初审的项目可以初审",
  assignReviewers: "只有专家评审阶段的项目可以指派专家",
  score: "只有专家评审阶段的项目可以评分",
  decide: "只有专家评审阶段的项目可以审定",
  report: "只有已立项或建设中的项目可以报告进度",
  accept: "只有已报告竣工的项目可以验收",
  attach: "该项目已结束，不能再上传附件",
  coordinate: "该项目当前状态不能发起协同任务",
  pay: "只有已立项的项目可以拨付",
};

/** "（当前：建设中）": the suffix every project 409 names the current status with. */
export const currentStatusText = (status: ProjectStatus) =>
  `（当前：${PROJECT_STATUS_LABELS[status] ?? status}）`;

export const PROJECT_TEXTS: WorkflowTexts<ProjectStep, ProjectStatus> = {
  entity: "project",
  action: {
    edit: "修改该项目申报",
    submit: "提交该项目",
    districtReview: "对该项目进行区级初审",
    assignReviewers: "指派该项目的评审专家",
    score: "为该项目评分",
    decide: "审定该项目",
    report: "报告该项目进度",
    accept: "对该项目进行竣工验收",
    attach: "上传该项目的附件",
    coordinate: "为该项目发起协同任务",
    pay: "为该项目登记拨付",
  },
  conflict: (step, status) => `${STATE_HINT[step]}${currentStatusText(status)}`,
};

export function projectFactsOf(row: ProjectRow): ProjectFacts {
  return {
    enterpriseId: row.p.enterpriseId,
    districtCode: row.p.districtCode,
    status: row.p.status,
    reviewerIds: row.reviewerIds ?? [],
  };
}

/** 403 when the role could never take the step on this project, 409 STATE_CONFLICT when only the status is wrong. */
export function assertProjectStep(actor: Actor, row: ProjectRow, step: ProjectStep) {
  assertStep(projectWorkflow, PROJECT_TEXTS, actor, projectFactsOf(row), step);
}

/**
 * One workflow step in one transaction: locks and re-reads the project, checks the step and (when
 * given) the version, applies the change (which writes its own audit row) and bumps the version.
 */
export function runProjectStep<T = void>(
  db: Database,
  actor: Actor,
  target: { id: string; version: number | null; step: ProjectStep },
  change: (tx: Tx, row: ProjectRow) => Promise<T>,
): Promise<T> {
  return runStep(db, {
    load: (tx) => findProjectRow(tx, actor, target.id, true),
    guard: (row) => {
      assertProjectStep(actor, row, target.step);
      if (target.version !== null && row.p.version !== target.version)
        throw conflict("VERSION_CONFLICT", "该项目已被他人更新，请刷新后重试", "version");
    },
    change: async (tx, row) => {
      const out = await change(tx, row);
      await bumpProjectVersion(tx, target.id);
      return out;
    },
  });
}

/** The audit row of a step on the project `row` (entity, id and district taken from the row). */
export function auditProjectStep(
  tx: Executor,
  auditActor: AuditActor,
  row: ProjectRow,
  entry: { action: AuditAction; before?: unknown; after?: unknown },
) {
  return recordAudit(tx, auditActor, {
    ...entry,
    entityType: "project",
    entityId: row.p.id,
    districtCode: row.p.districtCode,
  });
}
