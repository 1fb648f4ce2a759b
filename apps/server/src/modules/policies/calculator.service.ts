import type { CalculatorRequest, CalculatorResult, FactSource } from "@dxcenter/contracts";
import type { Database, Executor } from "@dxcenter/db";
import {
  type Actor,
  evaluateAll,
  FACT_CATALOGUE,
  type FactValue,
  findFact,
  formatFactValue,
  isCalendarDate,
  parseWanYuanToFen,
} from "@dxcenter/domain";
import type { z } from "zod";
import { badRequest, forbidden } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { readableEnterprise } from "../enterprises/enterprise.policy";
import { buildEnterpriseFacts, type FactOrigin } from "./enterprise-facts";
import { currentPolicies } from "./policy.repository";
import { priorAwardsOf } from "./prior-awards";

/**
 * 政策计算器: what every current policy would give one enterprise (its recorded facts plus what the
 * caller types in for a draft project), with the reason when it would give nothing.
 */

/** The projects module imports this from here; its home is prior-awards.ts. */
export { priorAwardsOf };

const DRAFT_PROJECT = "draft-project";

/**
 * Turns the calculator's typed facts into engine facts: 万元 text → exact 分, whole numbers checked,
 * enums and dates checked; a wrong value is a 400 naming the field in Chinese. Empty values are
 * left out (unknown), never read as 0 or false.
 */
export function parseInputFacts(input: Record<string, unknown>): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const [key, raw] of Object.entries(input)) {
    if (raw === null || raw === undefined || raw === "") continue;
    const field = `facts.${key}`;
    if (key.endsWith("Wan")) {
      const id = `${key.slice(0, -3)}Fen`;
      const fact = findFact(id);
      if (fact?.type !== "money") throw badRequest(`未知的金额项“${key}”`, field);
      const fen = typeof raw === "string" ? parseWanYuanToFen(raw) : null;
      if (fen === null)
        throw badRequest(`${fact.label}：请输入以万元为单位的金额，如 900 或 12.5（最小到分）`, field);
      if (fen < 0) throw badRequest(`${fact.label}：金额不能为负数`, field);
      out[id] = fen;
      continue;
    }
    const fact = findFact(key);
    if (!fact) throw badRequest(`未知的填报项“${key}”`, field);
    switch (fact.type) {
      case "money":
        throw badRequest(`${fact.label}：请以万元填写（字段 ${key.replace(/Fen$/, "Wan")}）`, field);
      case "count":
      case "months":
      case "level": {
        const n = typeof raw === "string" ? Number(raw) : raw;
        if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0)
          throw badRequest(`${fact.label}：请输入不小于 0 的整数`, field);
        if (fact.type === "level" && fact.maxLevel !== undefined && n > fact.maxLevel)
          throw badRequest(`${fact.label}：应为 0–${fact.maxLevel}`, field);
        out[key] = n;
        break;
      }
      case "boolean":
        if (typeof raw !== "boolean") throw badRequest(`${fact.label}：请选择是或否`, field);
        out[key] = raw;
        break;
      case "enum":
        if (typeof raw !== "string" || !fact.values?.some((v) => v.key === raw))
          throw badRequest(`${fact.label}：取值“${String(raw)}”不在可选值中`, field);
        out[key] = raw;
        break;
      case "code":
        if (typeof raw !== "string") throw badRequest(`${fact.label}：应为代码文本`, field);
        out[key] = raw;
        break;
      case "set":
        if (!Array.isArray(raw) || raw.some((x) => !fact.values?.some((v) => v.key === x)))
          throw badRequest(`${fact.label}：包含不可选的取值`, field);
        out[key] = raw as string[];
        break;
      case "date":
        if (!isCalendarDate(raw)) throw badRequest(`${fact.label}：请输入 YYYY-MM-DD 格式的日期`, field);
        out[key] = raw;
        break;
    }
  }
  return out;
}

/** Who may calculate for which enterprise: the enterprise itself; bureau staff within their scope. */
export async function resolveCalculatorEnterprise(
  db: Executor,
  actor: Actor,
  enterpriseId: string | undefined,
) {
  if (actor.role !== "enterprise" && actor.role !== "city_admin" && actor.role !== "district_admin")
    throw forbidden("使用政策计算器");
  const id = actor.role === "enterprise" ? actor.enterpriseId : enterpriseId;
  if (!id) throw badRequest("请选择企业", "enterpriseId");
  return readableEnterprise(db, actor, id);
}

export async function calculate(
  db: Database,
  actor: Actor,
  input: z.output<typeof CalculatorRequest>,
  today = shanghaiToday(),
): Promise<CalculatorResult> {
  const ent = await resolveCalculatorEnterprise(db, actor, input.enterpriseId);
  const typed = parseInputFacts(input.facts);
  const [built, defs, prior] = await Promise.all([
    buildEnterpriseFacts(db, ent.id),
    currentPolicies(db),
    priorAwardsOf(db, ent.id),
  ]);
  const facts: Record<string, FactValue> = { ...typed };
  const origins: Record<string, FactOrigin> = {};
  for (const k of Object.keys(typed)) origins[k] = { source: "input", sourceText: "本次填报（未核实）" };
  // Recorded facts win over typed ones: the calculator explains the record, it does not rewrite it.
  for (const [k, v] of Object.entries(built?.facts ?? {})) {
    facts[k] = v;
    origins[k] = built!.origins[k]!;
  }
  // The calculator evaluates one draft (new) project: awards granted to the enterprise's other
  // projects do not exclude it from a non-cumulation group, and enterprise policies see only the
  // enterprise's facts (evaluateAll's explicit project scope).
  const all = evaluateAll(defs, facts, {
    today,
    projectId: DRAFT_PROJECT,
    priorAwards: prior,
    ...(input.choices ? { choices: input.choices } : {}),
  });
  const factList: FactSource[] = FACT_CATALOGUE.filter((f) => facts[f.id] !== undefined).map((f) => ({
    fact: f.id,
    label: f.label,
    subject: f.subject,
    display: formatFactValue(f, facts[f.id]!),
    source: origins[f.id]!.source,
    sourceText: origins[f.id]!.sourceText,
  }));
  const counts = { eligible: 0, missing: 0, ineligible: 0 };
  const results = all.results.map((r) => {
    counts[r.evaluation.status]++;
    return { ...r, reason: r.evaluation.status === "ineligible" ? reasonOf(r.evaluation) : null };
  });
  return {
    enterprise: ent,
    today,
    facts: factList,
    results: results as CalculatorResult["results"],
    totalGrantedFen: all.totalGrantedFen,
    counts,
  };
}

/** The summary minus the policy name prefix: "项目总投资 900万元，低于 1,000万元门槛（需 ≥ 1,000万元）". */
function reasonOf(e: { summary: string }): string {
  const i = e.summary.indexOf("：");
  return i >= 0 ? e.summary.slice(i + 1) : e.summary;
}
