import { type Database, type Executor, poolApplications } from "@dxcenter/db";
import {
  type Actor,
  type ApplicationStatus,
  POOL_APPLICATION_WORKFLOW,
  type PoolApplicationStep,
} from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { conflict, forbidden, notFound } from "../../errors";
import { assertStep, type WorkflowTexts } from "../../lib/workflow";
import { applicationFacts, getApplication, loadApplication, permissionsOf } from "./pool.queries";

/**
 * One step of a pool application, the same for each: lock the application → whoever may not read it
 * does not find it → the workflow table (POOL_APPLICATION_WORKFLOW: 403 never for this role, 409 not
 * in this status) → the change → the detail as the caller now sees it.
 */

/** What each step is called in a refusal (“您无权…” / “当前状态下不能…”). */
const STEP_NAMES: Record<PoolApplicationStep, string> = {
  withdraw: "撤回申请（评审已启动）",
  openReview: "启动评审",
  draw: "抽取评审专家",
  score: "提交评审打分",
  decide: "作出入库决定",
  handleObjections: "处理公示异议",
  admit: "认定入库",
};

export const POOL_TEXTS: WorkflowTexts<PoolApplicationStep, ApplicationStatus> = {
  entity: "pool_application",
  action: { ...STEP_NAMES, withdraw: "撤回入库申请" },
  conflict: (step) =>
    step === "score" ? "该申请当前不在评审阶段，不能打分" : `当前状态下不能${STEP_NAMES[step]}`,
};

/** An application still in progress (one at a time per provider). */
export const OPEN_APPLICATION: ApplicationStatus[] = ["submitted", "under_review", "in_notice"];

export type LoadedApplication = Awaited<ReturnType<typeof loadApplication>>;

export function checkVersion(a: { version: number }, version: number) {
  if (a.version !== version)
    throw conflict("VERSION_CONFLICT", "该申请已被他人处理，请刷新后重试", "version");
}

/** The columns every change of an application sets: the time and the optimistic-lock version. */
export const bump = () => ({ updatedAt: new Date(), version: sql`${poolApplications.version} + 1` });

export async function applicationStep(
  db: Database,
  actor: Actor,
  id: string,
  step: PoolApplicationStep,
  change: (tx: Executor, l: LoadedApplication) => Promise<void>,
  /** A refusal that goes before the table's (e.g. NOT_ACCEPTED for an expert who has not answered). */
  first?: (l: LoadedApplication, perm: ReturnType<typeof permissionsOf>) => void,
) {
  await db.transaction(async (tx) => {
    const l = await loadApplication(tx, id, true);
    const perm = permissionsOf(actor, l);
    if (!perm.read && actor.role !== "city_admin") {
      if (actor.role === "provider" || actor.role === "expert") throw notFound("入库申请");
      throw forbidden("办理入库申请");
    }
    first?.(l, perm);
    assertStep(POOL_APPLICATION_WORKFLOW, POOL_TEXTS, actor, applicationFacts(l), step);
    await change(tx, l);
  });
  return getApplication(db, actor, id);
}
