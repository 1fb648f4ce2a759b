import { AWARD_STATUS_LABELS } from "@dxcenter/contracts";
import type { Executor, Tx } from "@dxcenter/db";
import { type Actor, type AwardStatus, type AwardStep, awardWorkflow } from "@dxcenter/domain";
import { assertVersion } from "../../lib/optimistic-lock";
import { assertStep, runStep, type WorkflowTexts } from "../../lib/workflow";
import { type AwardRow, awardFactsOf, findAwardRow } from "./award.queries";

/**
 * May this actor take this step on this award now, and is their copy of it current? The rules are the
 * domain's award table; here are only the Chinese words of a refusal.
 */
export const AWARD_STEP_TEXTS: WorkflowTexts<AwardStep, AwardStatus> = {
  entity: "award",
  action: {
    districtConfirm: "确认该政策兑现",
    enterpriseConfirm: "确认该政策兑现意愿",
    decline: "放弃该政策兑现",
    withdraw: "撤销该政策兑现",
    pay: "登记该政策兑现的拨付",
  },
  conflict: (step, status) => `当前状态为“${AWARD_STATUS_LABELS[status]}”，${NEEDS[step]}`,
};
const NEEDS: Record<AwardStep, string> = {
  districtConfirm: "只有“已识别”的记录可以区级确认",
  enterpriseConfirm: "只有区级已确认的记录可以确认意愿",
  decline: "只有尚未拨付的已确认记录可以放弃",
  withdraw: "只有尚未经企业确认的记录可以撤销",
  pay: "只有企业已确认意愿的记录可以登记拨付",
};

/** 403 / 409 STATE_CONFLICT from the table; then 409 VERSION_CONFLICT when `version` is stale. */
export function guardAwardStep(actor: Actor, r: AwardRow, step: AwardStep, version?: number) {
  assertStep(awardWorkflow, AWARD_STEP_TEXTS, actor, awardFactsOf(r), step);
  if (version !== undefined) assertVersion(r.a.version, version, "该记录已被他人修改，请刷新后重试");
}

/**
 * One step on an award in one transaction: the award locked FOR UPDATE (404 outside the actor's
 * scope), the step guarded (and the caller's version checked), then `change` with the locked row.
 */
export function runAwardStep<T>(
  db: Executor,
  actor: Actor,
  target: { id: string; step: AwardStep; version: number },
  change: (tx: Tx, locked: AwardRow) => Promise<T>,
): Promise<T> {
  return runStep(db, {
    load: (tx) => findAwardRow(tx, actor, target.id, true),
    guard: (row) => guardAwardStep(actor, row, target.step, target.version),
    change,
  });
}
