/**
 * Enterprise demands (需求) for supply–demand matching: posted by the enterprise, or drafted from an
 * assessment's prioritised improvement list so a diagnosis leads straight to matching providers.
 */
import type { Improvement } from "../assessment/score";

export interface DemandTiming {
  /** ISO dates (Asia/Shanghai calendar days). */
  readonly start?: string;
  readonly end?: string;
}

export interface Demand {
  readonly id: string;
  readonly enterpriseId?: string;
  /** Scene / sub-domain ids, most important first. */
  readonly sceneIds: readonly string[];
  /** Budget in 分. */
  readonly budgetFen?: number;
  /** Shown to providers; not scored (nothing in a catalogue entry says when it could start). */
  readonly timing?: DemandTiming;
  readonly description?: string;
  /** GB/T 4754 division of the enterprise, e.g. "C34". */
  readonly industry?: string;
  /** GB/T 2260 district of the enterprise. */
  readonly districtCode?: string;
  readonly source?: "posted" | "assessment";
}

/** The parts of an improvement item a demand reads (a stored ScoreResult snapshot has them). */
export type GapItem = Pick<
  Improvement,
  "id" | "questionId" | "title" | "kind" | "subDimensionId" | "levelImpact"
>;

export interface GapSource {
  readonly sceneId: string;
  readonly name: string;
  /** The improvement items that led to this scene, in priority order. */
  readonly improvementIds: readonly string[];
}

export interface DemandFromGapsOptions {
  /** Most scenes to ask for (default 5): a demand listing every gap matches nobody well. */
  readonly maxScenes?: number;
  /** Leave out items that neither raise the level nor close/reduce a next-level condition. */
  readonly impactfulOnly?: boolean;
  /** Names of sub-domains (sub-dimension ids) for the description; scene items carry their own. */
  readonly names?: Readonly<Record<string, string>>;
}

/**
 * A demand drafted from an assessment's gaps. A scene question's gap asks for that scene (its id, as
 * solutions tag scenes, e.g. "S08"); any other question's gap asks for its sub-domain
 * (sub-dimension id, e.g. "equipment-systems"), because catalogue entries are tagged with
 * sub-domains, not with individual questions. Order follows the improvement list's priority.
 */
export function demandFromGaps(
  improvements: readonly GapItem[],
  base: Omit<Demand, "sceneIds" | "source">,
  opts: DemandFromGapsOptions = {},
): { demand: Demand; sources: GapSource[] } {
  const max = opts.maxScenes ?? 5;
  const byScene = new Map<string, { name: string; ids: string[] }>();
  for (const item of improvements) {
    if (opts.impactfulOnly && item.levelImpact === "none") continue;
    const sceneId = item.kind === "scene" ? item.questionId : item.subDimensionId;
    const existing = byScene.get(sceneId);
    if (existing) {
      existing.ids.push(item.id);
      continue;
    }
    if (byScene.size >= max) continue;
    const name = item.kind === "scene" ? item.title : (opts.names?.[sceneId] ?? sceneId);
    byScene.set(sceneId, { name, ids: [item.id] });
  }
  const sources: GapSource[] = [...byScene].map(([sceneId, s]) => ({
    sceneId,
    name: s.name,
    improvementIds: s.ids,
  }));
  const description =
    base.description ??
    (sources.length > 0
      ? `根据评估改进建议生成：${sources.map((s) => s.name).join("、")}`
      : "评估未发现需改进的场景");
  return {
    demand: { ...base, description, sceneIds: sources.map((s) => s.sceneId), source: "assessment" },
    sources,
  };
}
