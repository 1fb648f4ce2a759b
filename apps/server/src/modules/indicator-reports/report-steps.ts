import type { Indicator, ReportItem } from "@dxcenter/contracts";
import { type Database, type Executor, indicatorReports, type Tx } from "@dxcenter/db";
import {
  jumpBasePeriod,
  REPORT_STATE_LABELS,
  type ReportIssue,
  type ReportState,
  type ReportStep,
  reportWorkflow,
  validateReportValue,
} from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { badRequest, notFound } from "../../errors";
import { assertVersion, updateAtVersion } from "../../lib/optimistic-lock";
import { assertStep, runStep, type WorkflowTexts } from "../../lib/workflow";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { latestSnapshots, snapshotKey } from "../indicators/indicator.queries";
import { currentIndicators } from "../indicators/indicator-loader";
import { factsOf, findReport, getReport, type ReportRow } from "./report.queries";
import { applyApproval } from "./report-effect";

/**
 * A 填报任务's steps, each in one transaction: lock the row (FOR UPDATE), the domain's reportWorkflow
 * (403 / 409 STATE_CONFLICT), the optimistic lock (a stale version is 409 VERSION_CONFLICT), the
 * domain's value checks, the change, the audit row. Two approvals at once: the second waits for the
 * first's row lock, then finds a raised version and gets 409 — exactly one wins.
 */

const NEEDS: Record<ReportStep, string> = {
  save: "只有待填报、草稿或已退回的任务可以填报",
  submit: "只有待填报、草稿或已退回的任务可以提交",
  approve: "只有待审核的填报可以审核通过",
  return: "只有待审核的填报可以退回",
};

const TEXTS: WorkflowTexts<ReportStep, ReportState> = {
  entity: "indicator_report",
  action: { save: "填报该任务", submit: "提交该填报", approve: "审核该填报", return: "退回该填报" },
  conflict: (step, status) => `${NEEDS[step]}（当前：${REPORT_STATE_LABELS[status]}）`,
};

const STALE = "该填报任务已被他人更新，请刷新后重试";

export async function indicatorFor(db: Executor, id: string): Promise<Indicator> {
  const d = (await currentIndicators(db)).find((x) => x.id === id);
  if (!d) throw notFound("监测指标");
  return d;
}

/** The approved value of the previous period for the task's scope (null when there is none). */
export async function lastApprovedValue(db: Executor, r: ReportRow["r"]): Promise<number | null> {
  const period = jumpBasePeriod(r.period);
  const s = await latestSnapshots(db, {
    indicatorIds: [r.indicatorId],
    scopes: [r.scope],
    periods: [period],
  });
  return s.get(snapshotKey(r.indicatorId, period, r.scope))?.value ?? null;
}

/** The value checks of a step: a draft keeps what is wrong with the value out, a submit everything. */
export function stepIssues(
  indicator: Indicator,
  input: { value: number | null; note: string | null },
  last: number | null,
  submit: boolean,
): ReportIssue[] {
  if (!submit && input.value === null) return [];
  const issues = validateReportValue(indicator, input, last);
  return submit ? issues : issues.filter((i) => i.field === "value");
}

function throwIssues(issues: readonly ReportIssue[]): void {
  const [first] = issues;
  if (first) throw badRequest(issues.map((i) => i.message).join("；"), first.field);
}

export interface FillInput {
  value: number | null;
  note: string | null;
  version: number;
}

/** Save (draft) or submit, inside the caller's transaction (the Excel upload runs many rows in one). */
export async function fillInTx(
  tx: Tx,
  user: CurrentUser,
  actor: AuditActor,
  row: ReportRow,
  input: FillInput,
  submit: boolean,
): Promise<void> {
  const step: ReportStep = submit ? "submit" : "save";
  assertStep(reportWorkflow, TEXTS, user, factsOf(row.r, user), step);
  assertVersion(row.r.version, input.version, STALE);
  const indicator = await indicatorFor(tx, row.r.indicatorId);
  throwIssues(stepIssues(indicator, input, await lastApprovedValue(tx, row.r), submit));
  const status: ReportState = submit ? "submitted" : "draft";
  await updateAtVersion(
    tx,
    indicatorReports,
    row.r.id,
    row.r.version,
    {
      status,
      value: input.value === null ? null : String(input.value),
      note: input.note,
      ...(submit ? { submittedAt: sql`now()`, submittedBy: user.id } : {}),
      updatedAt: sql`now()`,
      updatedBy: user.id,
      version: row.r.version + 1,
    },
    STALE,
  );
  await recordAudit(tx, actor, {
    action: submit ? "indicator_report.submit" : "indicator_report.save",
    entityType: "indicator_report",
    entityId: row.r.id,
    districtCode: row.r.districtCode,
    before: { status: row.r.status, value: row.r.value, note: row.r.note },
    after: { status, value: input.value, note: input.note },
  });
}

export async function fillReport(
  db: Database,
  user: CurrentUser,
  actor: AuditActor,
  id: string,
  input: FillInput,
  submit: boolean,
): Promise<ReportItem> {
  await runStep(db, {
    load: (tx) => findReport(tx, user, id, true),
    guard: () => {},
    change: (tx, row) => fillInTx(tx, user, actor, row, input, submit),
  });
  return getReport(db, user, id);
}

/** 审核: approve (the value becomes the period's figure) or return with a reason. */
export async function reviewReport(
  db: Database,
  user: CurrentUser,
  actor: AuditActor,
  id: string,
  step: "approve" | "return",
  input: { version: number; reason?: string },
): Promise<ReportItem> {
  await runStep(db, {
    load: (tx) => findReport(tx, user, id, true),
    guard: (row) => {
      assertStep(reportWorkflow, TEXTS, user, factsOf(row.r, user), step);
      assertVersion(row.r.version, input.version, STALE);
    },
    change: async (tx, row) => {
      const status: ReportState = step === "approve" ? "approved" : "returned";
      await updateAtVersion(
        tx,
        indicatorReports,
        id,
        row.r.version,
        {
          status,
          reviewedAt: sql`now()`,
          reviewedBy: user.id,
          returnReason: step === "return" ? (input.reason ?? null) : null,
          updatedAt: sql`now()`,
          updatedBy: user.id,
          version: row.r.version + 1,
        },
        STALE,
      );
      let snapshotId: string | null = null;
      if (step === "approve") {
        const indicator = await indicatorFor(tx, row.r.indicatorId);
        snapshotId = await applyApproval(tx, actor, indicator, {
          id,
          period: row.r.period,
          scope: row.r.scope,
          value: Number(row.r.value),
        });
        await tx.update(indicatorReports).set({ snapshotId }).where(sql`${indicatorReports.id} = ${id}`);
      }
      await recordAudit(tx, actor, {
        action: step === "approve" ? "indicator_report.approve" : "indicator_report.return",
        entityType: "indicator_report",
        entityId: id,
        districtCode: row.r.districtCode,
        before: { status: row.r.status, value: row.r.value },
        after: {
          status,
          ...(snapshotId ? { snapshotId } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
        },
      });
    },
  });
  return getReport(db, user, id);
}
