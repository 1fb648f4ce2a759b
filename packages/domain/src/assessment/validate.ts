/**
 * Semantic checks of an instrument definition — the rules a JSON schema cannot express: unique ids,
 * declared points that add up, numeric bands that tile [0, 100] exactly, level rules that refer to
 * things that exist. The zod schema (packages/contracts) checks shapes and then calls this, so a city
 * editing a data file gets every mistake listed in Chinese with a path, not a wrong score later.
 */
import {
  type InstrumentDefinition,
  type LevelCondition,
  listQuestions,
  type NumericQuestion,
  type Question,
  toMilli,
} from "./instrument";

export interface InstrumentIssue {
  /** Dotted path into the definition, e.g. "dimensions[0].subDimensions[1].questions[2].bands[1]". */
  readonly path: string;
  readonly message: string;
}

export type InstrumentValidation = { ok: true } | { ok: false; errors: InstrumentIssue[] };

const isMilli = (n: number) => Number.isFinite(n) && Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6;

export function validateInstrument(def: InstrumentDefinition): InstrumentValidation {
  const errors: InstrumentIssue[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });

  const points = (path: string, what: string, n: number) => {
    if (!isMilli(n) || n < 0) err(path, `${what}的分值 ${n} 无效：应为不小于 0、最多三位小数的数`);
  };

  const dimIds = new Set<string>();
  const subIds = new Set<string>();
  const questionIds = new Set<string>();
  let totalMilli = 0;

  points("totalPoints", "量表总分", def.totalPoints);
  if (def.defaultEffort !== undefined && !(def.defaultEffort > 0))
    err("defaultEffort", "默认改进工作量 defaultEffort 应大于 0");
  if (def.dimensions.length === 0) err("dimensions", "量表至少应有一个维度");

  def.dimensions.forEach((dim, di) => {
    const dPath = `dimensions[${di}]`;
    if (dimIds.has(dim.id)) err(`${dPath}.id`, `维度编号“${dim.id}”重复`);
    dimIds.add(dim.id);
    points(`${dPath}.points`, `维度“${dim.name}”`, dim.points);
    let dimMilli = 0;
    if (dim.subDimensions.length === 0) err(`${dPath}.subDimensions`, `维度“${dim.name}”至少应有一个子维度`);
    dim.subDimensions.forEach((sub, si) => {
      const sPath = `${dPath}.subDimensions[${si}]`;
      if (subIds.has(sub.id)) err(`${sPath}.id`, `子维度编号“${sub.id}”重复`);
      subIds.add(sub.id);
      points(`${sPath}.points`, `子维度“${sub.name}”`, sub.points);
      if (sub.weight !== undefined && !(sub.weight > 0))
        err(`${sPath}.weight`, `子维度“${sub.name}”的权重应大于 0`);
      if (sub.questions.length === 0) err(`${sPath}.questions`, `子维度“${sub.name}”至少应有一道题`);
      let subMilli = 0;
      sub.questions.forEach((q, qi) => {
        const qPath = `${sPath}.questions[${qi}]`;
        if (questionIds.has(q.id)) err(`${qPath}.id`, `题目编号“${q.id}”重复`);
        questionIds.add(q.id);
        validateQuestion(q, qPath, err, points);
        subMilli += toMilli(q.maxPoints);
      });
      if (subMilli !== toMilli(sub.points))
        err(
          `${sPath}.points`,
          `子维度“${sub.name}”声明 ${sub.points} 分，但其题目满分合计为 ${subMilli / 1000} 分`,
        );
      dimMilli += toMilli(sub.points);
    });
    if (dimMilli !== toMilli(dim.points))
      err(
        `${dPath}.points`,
        `维度“${dim.name}”声明 ${dim.points} 分，但其子维度分值合计为 ${dimMilli / 1000} 分`,
      );
    totalMilli += toMilli(dim.points);
  });
  if (totalMilli !== toMilli(def.totalPoints))
    err("totalPoints", `量表声明总分 ${def.totalPoints} 分，但各维度分值合计为 ${totalMilli / 1000} 分`);

  validateLevelRule(def, err);
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

type Err = (path: string, message: string) => void;
type PointsCheck = (path: string, what: string, n: number) => void;

function validateQuestion(q: Question, qPath: string, err: Err, points: PointsCheck) {
  const name = `题目 ${q.id}“${q.title}”`;
  points(`${qPath}.maxPoints`, name, q.maxPoints);
  if (q.effort !== undefined && !(q.effort > 0))
    err(`${qPath}.effort`, `${name}的改进工作量 effort 应大于 0`);
  const max = toMilli(q.maxPoints);

  switch (q.kind) {
    case "single":
    case "multi": {
      if (q.options.length < 2) err(`${qPath}.options`, `${name}至少应有两个选项`);
      const ids = new Set<string>();
      let exclusive = 0;
      let sumOthers = 0;
      let best = 0;
      q.options.forEach((o, oi) => {
        const oPath = `${qPath}.options[${oi}]`;
        if (ids.has(o.id)) err(`${oPath}.id`, `${name}的选项编号“${o.id}”重复`);
        ids.add(o.id);
        points(`${oPath}.points`, `${name}选项“${o.label}”`, o.points);
        if (toMilli(o.points) > max)
          err(`${oPath}.points`, `${name}选项“${o.label}”的分值 ${o.points} 超过该题满分 ${q.maxPoints}`);
        best = Math.max(best, toMilli(o.points));
        if (q.kind === "multi" && "exclusive" in o && o.exclusive) {
          exclusive++;
          if (o.points !== 0) err(`${oPath}.points`, `${name}的排他选项“${o.label}”应为 0 分`);
        } else sumOthers += toMilli(o.points);
      });
      if (exclusive > 1) err(`${qPath}.options`, `${name}最多只能有一个排他（“无”）选项`);
      // The best reachable answer must earn full marks, or the dimension could never reach its points.
      const reachable = q.kind === "single" ? best : Math.min(sumOthers, max);
      if (reachable !== max)
        err(`${qPath}.maxPoints`, `${name}满分 ${q.maxPoints} 分，但选项最多只能得到 ${reachable / 1000} 分`);
      if (q.kind === "single")
        q.infoInputs?.forEach((inp, ii) => {
          if (q.infoInputs?.findIndex((x) => x.id === inp.id) !== ii)
            err(`${qPath}.infoInputs[${ii}].id`, `${name}的填报项编号“${inp.id}”重复`);
        });
      break;
    }
    case "numeric":
      validateNumeric(q, qPath, name, err, points);
      break;
    case "scene": {
      if (q.maxPoints !== 0) err(`${qPath}.maxPoints`, `${name}是场景等级题，不计分，满分应为 0`);
      if (q.levels.length === 0) err(`${qPath}.levels`, `${name}至少应有一个场景等级`);
      q.levels.forEach((l, li) => {
        if (l.level !== li + 1)
          err(
            `${qPath}.levels[${li}].level`,
            `${name}的场景等级应从 1 起连续递增，第 ${li + 1} 项为 ${l.level}`,
          );
      });
      break;
    }
    case "rated":
      if (!(q.maxPoints > 0)) err(`${qPath}.maxPoints`, `${name}是评分要求项，满分应大于 0`);
      if (q.level !== undefined && !(Number.isInteger(q.level) && q.level >= 1))
        err(`${qPath}.level`, `${name}的所属等级应为正整数`);
      break;
  }
}

function validateNumeric(q: NumericQuestion, qPath: string, name: string, err: Err, points: PointsCheck) {
  const inputIds = new Set<string>();
  q.inputs.forEach((inp, ii) => {
    if (inputIds.has(inp.id)) err(`${qPath}.inputs[${ii}].id`, `${name}的填报项编号“${inp.id}”重复`);
    inputIds.add(inp.id);
  });
  if (!inputIds.has(q.formula.numerator))
    err(`${qPath}.formula.numerator`, `${name}的分子“${q.formula.numerator}”不是该题的填报项`);
  if (!inputIds.has(q.formula.denominator))
    err(`${qPath}.formula.denominator`, `${name}的分母“${q.formula.denominator}”不是该题的填报项`);
  if (q.formula.numerator === q.formula.denominator)
    err(`${qPath}.formula`, `${name}的分子与分母不能是同一填报项`);

  const bands = q.bands;
  if (bands.length === 0) {
    err(`${qPath}.bands`, `${name}至少应有一个区间`);
    return;
  }
  let best = 0;
  bands.forEach((b, bi) => {
    const bPath = `${qPath}.bands[${bi}]`;
    points(`${bPath}.points`, `${name}第 ${bi + 1} 个区间`, b.points);
    if (toMilli(b.points) > toMilli(q.maxPoints))
      err(`${bPath}.points`, `${name}第 ${bi + 1} 个区间的分值 ${b.points} 超过该题满分 ${q.maxPoints}`);
    best = Math.max(best, toMilli(b.points));
    if (!(b.min < b.max) && !(b.min === b.max && b.minInclusive && b.maxInclusive))
      err(bPath, `${name}第 ${bi + 1} 个区间的下限 ${b.min} 应小于上限 ${b.max}`);
    if (bi > 0) {
      const prev = bands[bi - 1]!;
      if (prev.max !== b.min)
        err(
          bPath,
          prev.max < b.min
            ? `${name}第 ${bi} 与第 ${bi + 1} 个区间之间有空档：${prev.max}% 到 ${b.min}%`
            : `${name}第 ${bi} 与第 ${bi + 1} 个区间重叠：上一个到 ${prev.max}%，下一个从 ${b.min}% 开始`,
        );
      else if (prev.maxInclusive && b.minInclusive)
        err(bPath, `${name}第 ${bi} 与第 ${bi + 1} 个区间在 ${b.min}% 处重叠（两边都包含该点）`);
      else if (!prev.maxInclusive && !b.minInclusive)
        err(bPath, `${name}第 ${bi} 与第 ${bi + 1} 个区间在 ${b.min}% 处有空档（两边都不包含该点）`);
    }
  });
  const first = bands[0]!;
  const last = bands[bands.length - 1]!;
  if (first.min !== 0 || !first.minInclusive) err(`${qPath}.bands[0]`, `${name}的区间应从 0%（含）开始`);
  if (last.max !== 100 || !last.maxInclusive)
    err(`${qPath}.bands[${bands.length - 1}]`, `${name}的区间应到 100%（含）结束`);
  if (best !== toMilli(q.maxPoints))
    err(`${qPath}.maxPoints`, `${name}满分 ${q.maxPoints} 分，但区间最高只有 ${best / 1000} 分`);
}

function validateLevelRule(def: InstrumentDefinition, err: Err) {
  const rule = def.levelRule;
  const refs = listQuestions(def);
  const scenes = refs.filter((r) => r.question.kind === "scene").map((r) => r.question);
  const constrained = scenes.filter((q) => q.kind === "scene" && q.constrained).length;
  const maxSceneLevel = Math.max(0, ...scenes.map((q) => (q.kind === "scene" ? q.levels.length : 0)));
  const ratedLevels = new Set(refs.map((r) => (r.question.kind === "rated" ? r.question.level : undefined)));
  const dimIds = new Set(def.dimensions.map((d) => d.id));
  const subIds = new Set(def.dimensions.flatMap((d) => d.subDimensions.map((s) => s.id)));
  const qIds = new Map(refs.map((r) => [r.question.id, r.question]));

  if (rule.levels.length === 0) err("levelRule.levels", "等级规则至少应有一个等级");
  rule.levels.forEach((lvl, li) => {
    const lPath = `levelRule.levels[${li}]`;
    if (lvl.level !== li + 1) err(`${lPath}.level`, `等级应从 1 起连续递增，第 ${li + 1} 项为 ${lvl.level}`);
    if (lvl.conditions.length === 0) err(`${lPath}.conditions`, `等级“${lvl.name}”至少应有一个判定条件`);
    lvl.conditions.forEach((c: LevelCondition, ci) => {
      const cPath = `${lPath}.conditions[${ci}]`;
      const where = `等级“${lvl.name}”的第 ${ci + 1} 个条件`;
      switch (c.kind) {
        case "minTotalScore":
          if (c.min < 0 || c.min > def.totalPoints)
            err(cPath, `${where}：总分门槛 ${c.min} 超出 0–${def.totalPoints}`);
          break;
        case "minDimensionScore":
          if (!dimIds.has(c.dimensionId)) err(cPath, `${where}：维度“${c.dimensionId}”不存在`);
          break;
        case "minSubDimensionRatio":
          if (!subIds.has(c.subDimensionId)) err(cPath, `${where}：子维度“${c.subDimensionId}”不存在`);
          if (c.min < 0 || c.min > 1) err(cPath, `${where}：得分率门槛应在 0–1 之间`);
          break;
        case "minQuestionPoints": {
          const q = qIds.get(c.questionId);
          if (!q) err(cPath, `${where}：题目“${c.questionId}”不存在`);
          else if (c.min > q.maxPoints)
            err(cPath, `${where}：门槛 ${c.min} 超过题目 ${q.id} 的满分 ${q.maxPoints}`);
          break;
        }
        case "minScenesAtLevel": {
          const pool = c.constrainedOnly ? constrained : scenes.length;
          if (!(c.sceneLevel >= 1 && c.sceneLevel <= maxSceneLevel))
            err(cPath, `${where}：场景等级 ${c.sceneLevel} 超出 1–${maxSceneLevel}`);
          if (!Number.isInteger(c.count) || c.count < 0 || c.count > pool)
            err(
              cPath,
              `${where}：要求 ${c.count} 个${c.constrainedOnly ? "约束性" : ""}场景，但量表只有 ${pool} 个`,
            );
          break;
        }
        case "allConstrainedScenesAtLevel":
          if (constrained === 0) err(cPath, `${where}：量表没有约束性场景`);
          if (!(c.sceneLevel >= 1 && c.sceneLevel <= maxSceneLevel))
            err(cPath, `${where}：场景等级 ${c.sceneLevel} 超出 1–${maxSceneLevel}`);
          break;
        case "minRatedLevelScore":
          if (!ratedLevels.has(c.ratedLevel)) err(cPath, `${where}：没有属于${c.ratedLevel}级的评分要求项`);
          if (c.min < 0 || c.min > 1) err(cPath, `${where}：等级得分门槛应在 0–1 之间`);
          break;
      }
    });
  });
  if (rule.maturityScore === "metLevelPlusNextRated") {
    rule.levels.forEach((lvl, li) => {
      if (!ratedLevels.has(lvl.level))
        err(`levelRule.levels[${li}]`, `成熟度得分需要每个等级都有评分要求项，“${lvl.name}”没有`);
    });
  }
}
