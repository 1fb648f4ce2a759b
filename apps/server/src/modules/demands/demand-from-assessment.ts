import type { DemandFromAssessmentRequest } from "@dxcenter/contracts";
import { assessments, type Database, type DemandGapSourceRow } from "@dxcenter/db";
import { type Actor, demandFromGaps, type ScoreResult } from "@dxcenter/domain";
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { conflict } from "../../errors";
import type { AuditActor } from "../audit/audit.service";
import { SCENE_INSTRUMENT, sceneCatalogue } from "../solutions/scenes";
import { budgetAndTiming, enterpriseFor, getDemand, insertDemand } from "./demand.service";

/**
 * A demand drafted from the enterprise's latest submitted MIIT assessment: its improvement list,
 * in priority order, becomes scenes (domain demandFromGaps), each with the items that led to it.
 */
export async function createDemandFromAssessment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof DemandFromAssessmentRequest>,
) {
  const ent = await enterpriseFor(db, actor, input.enterpriseId);
  const [a] = await db
    .select({ id: assessments.id, result: assessments.result, submittedAt: assessments.submittedAt })
    .from(assessments)
    .where(
      and(
        eq(assessments.enterpriseId, ent.id),
        eq(assessments.instrumentId, SCENE_INSTRUMENT),
        eq(assessments.status, "submitted"),
      ),
    )
    .orderBy(desc(assessments.submittedAt))
    .limit(1);
  if (!a?.result)
    throw conflict(
      "NO_ASSESSMENT",
      `“${ent.name}”尚无已提交的中小企业数字化水平评测，请先完成评估或直接发布需求`,
      "assessmentId",
    );
  const result = a.result as ScoreResult;
  const catalogue = await sceneCatalogue(db);
  const { demand, sources } = demandFromGaps(
    result.improvements,
    { id: "new", enterpriseId: ent.id },
    { maxScenes: input.maxScenes, names: catalogue.names },
  );
  if (demand.sceneIds.length === 0)
    throw conflict("NO_GAPS", "最近一次评估没有待改进的场景，无需生成需求", "assessmentId");
  const titleOf = new Map(result.improvements.map((i) => [i.id, i.action || i.title]));
  const gapSources: DemandGapSourceRow[] = sources.map((s) => ({
    sceneId: s.sceneId,
    name: s.name,
    improvementIds: [...s.improvementIds],
    improvementTitles: s.improvementIds.map((i) => titleOf.get(i) ?? i),
  }));
  const plan = budgetAndTiming(input);
  const sceneIds = [...demand.sceneIds];
  const id = await insertDemand(
    db,
    auditActor,
    ent,
    {
      title: `数字化改进需求：${sources
        .slice(0, 3)
        .map((s) => s.name)
        .join("、")}${sources.length > 3 ? "等" : ""}`,
      sceneIds,
      ...plan,
      description: demand.description ?? null,
      source: "assessment",
      assessmentId: a.id,
      gapSources,
      createdBy: actor.id,
    },
    {
      action: "demand.generate",
      after: { enterpriseId: ent.id, assessmentId: a.id, sceneIds, budgetFen: plan.budgetFen },
    },
  );
  return getDemand(db, actor, id);
}
