/**
 * Semantic checks of programme definitions (the data files), in Chinese with a path, so a city editing
 * a programme learns every mistake at load time instead of a prerequisite that never matches:
 * unique ids and level codes, positive validity, a "holds" that names an existing programme and level
 * (and, within its own programme, a lower level), external levels within the scheme, assessment
 * instruments that exist (when the catalogue names them), and fact conditions that the policy engine's
 * validator accepts over enterprise facts.
 */
import { findFact } from "../policy/fact-catalogue";
import type { Condition } from "../policy/policy";
import { type PolicyIssue, validatePolicy } from "../policy/validate-policy";
import { conditionPolicy, findProgramme, levelIndex } from "./prerequisites";
import { EXTERNAL_SCHEME_LEVEL_NAMES, EXTERNAL_SCHEMES, ISSUING_LEVELS, type TierCatalogue } from "./types";

function leafFacts(c: Condition): string[] {
  if (c.op === "all" || c.op === "any") return c.of.flatMap(leafFacts);
  if (c.op === "not") return leafFacts(c.of);
  return [c.fact];
}

export function validateProgrammes(catalogue: TierCatalogue): PolicyIssue[] {
  const errors: PolicyIssue[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const ids = new Set<string>();
  catalogue.programmes.forEach((p, pi) => {
    const pp = `programmes[${pi}]`;
    if (p.id.trim() === "") err(`${pp}.id`, "认定类别编号不能为空");
    else if (ids.has(p.id)) err(`${pp}.id`, `认定类别编号“${p.id}”重复`);
    ids.add(p.id);
    if (p.name.trim() === "") err(`${pp}.name`, "认定类别名称不能为空");
    if (p.levels.length === 0) err(`${pp}.levels`, `“${p.name}”至少应有一个等级`);
    const codes = new Set<string>();
    p.levels.forEach((l, li) => {
      const lp = `${pp}.levels[${li}]`;
      if (l.code.trim() === "") err(`${lp}.code`, `“${p.name}”的等级编号不能为空`);
      else if (codes.has(l.code)) err(`${lp}.code`, `“${p.name}”的等级编号“${l.code}”重复`);
      codes.add(l.code);
      if (l.name.trim() === "") err(`${lp}.name`, `“${p.name}”的等级名称不能为空`);
      if (!ISSUING_LEVELS.includes(l.issuingLevel))
        err(`${lp}.issuingLevel`, `认定层级“${l.issuingLevel}”无效`);
      if (l.validityYears !== null && !(Number.isInteger(l.validityYears) && l.validityYears > 0))
        err(`${lp}.validityYears`, `“${p.name}${l.name}”的有效期应为正整数年或不设期限`);
      l.prerequisites.forEach((q, qi) => {
        const qp = `${lp}.prerequisites[${qi}]`;
        const where = `“${p.name}${l.name}”的第${qi + 1}项条件`;
        switch (q.kind) {
          case "holds": {
            const target = findProgramme(catalogue.programmes, q.programme);
            if (!target) {
              err(`${qp}.programme`, `${where}引用了未定义的认定类别“${q.programme}”`);
              break;
            }
            if (q.minLevel !== undefined && levelIndex(target, q.minLevel) < 0)
              err(`${qp}.minLevel`, `${where}引用了“${target.name}”未定义的等级“${q.minLevel}”`);
            else if (
              target.id === p.id &&
              levelIndex(target, q.minLevel ?? target.levels[0]?.code ?? "") >= li
            )
              err(`${qp}.minLevel`, `${where}要求持有本类别同级或更高等级，无法满足`);
            break;
          }
          case "external": {
            if (!EXTERNAL_SCHEMES.includes(q.scheme)) {
              err(`${qp}.scheme`, `${where}的外部认证体系“${q.scheme}”无效`);
              break;
            }
            const max = EXTERNAL_SCHEME_LEVEL_NAMES[q.scheme].length;
            if (
              q.minLevel !== undefined &&
              !(Number.isInteger(q.minLevel) && q.minLevel >= 1 && q.minLevel <= max)
            )
              err(`${qp}.minLevel`, `${where}的等级应为 1–${max} 的整数`);
            break;
          }
          case "assessment":
            if (!(Number.isInteger(q.minLevel) && q.minLevel >= 1))
              err(`${qp}.minLevel`, `${where}的评估等级应为不小于 1 的整数`);
            if (catalogue.instrumentNames && !(q.instrumentId in catalogue.instrumentNames))
              err(`${qp}.instrumentId`, `${where}引用了未定义的评估量表“${q.instrumentId}”`);
            break;
          case "fact": {
            const v = validatePolicy(conditionPolicy(q.condition));
            if (!v.ok)
              for (const e of v.errors)
                if (e.path.startsWith("conditions"))
                  err(`${qp}.condition${e.path.slice("conditions".length)}`, `${where}：${e.message}`);
            for (const f of leafFacts(q.condition))
              if (findFact(f)?.subject === "project")
                err(`${qp}.condition`, `${where}引用了项目指标“${f}”，认定条件只能使用企业指标`);
            break;
          }
        }
      });
    });
    if (p.levelFact) {
      const fact = findFact(p.levelFact.fact);
      if (fact?.type !== "enum")
        err(`${pp}.levelFact.fact`, `“${p.name}”写入的指标“${p.levelFact.fact}”应为枚举型企业指标`);
      else
        for (const v of [p.levelFact.none, ...p.levels.map((l) => l.code)])
          if (!fact.values?.some((o) => o.key === v))
            err(`${pp}.levelFact`, `“${p.name}”的等级“${v}”不是指标“${fact.label}”的可选值`);
    }
    if (
      p.policyFactKey !== undefined &&
      !findFact("certifications")?.values?.some((o) => o.key === p.policyFactKey)
    )
      err(`${pp}.policyFactKey`, `“${p.name}”的政策认定标识“${p.policyFactKey}”不在“已获认定”的可选值中`);
  });
  return errors;
}
