import { formatFactValue } from "./evaluate-policy";
import { formatMoney, formatRatio } from "./exact";
import { findFact } from "./fact-catalogue";
import { findParameter } from "./parameters";
import {
  type Condition,
  isParamRef,
  type MoneyOperand,
  type PolicyDefinition,
  type RatioOperand,
} from "./policy";

/**
 * A policy in plain Chinese for the catalogue (政策库): how its amount is computed, its conditions one
 * line each, and whether it is in force on a day. Parameters the city has not set yet read as
 * “label”（待定）.
 */

/** Is the policy in force on this YYYY-MM-DD day (both ends included; an open end is unbounded)? */
export function isValidOn(def: PolicyDefinition, day: string): boolean {
  const { from, until } = def.validity;
  return (from === undefined || day >= from) && (until === undefined || day <= until);
}

function moneyText(def: PolicyDefinition, op: MoneyOperand): string {
  if (!isParamRef(op)) return formatMoney(op);
  const p = findParameter(def, op.param);
  return p?.kind === "money" && p.value !== null ? formatMoney(p.value) : `“${p?.label ?? op.param}”（待定）`;
}
function ratioText(def: PolicyDefinition, op: RatioOperand): string {
  if (!isParamRef(op)) return formatRatio(op);
  const p = findParameter(def, op.param);
  return p?.kind === "ratio" && p.value !== null ? formatRatio(p.value) : `“${p?.label ?? op.param}”（待定）`;
}
const label = (id: string) => findFact(id)?.label ?? id;

/** How the amount is computed, in one Chinese line. */
export function formulaText(def: PolicyDefinition): string {
  const f = def.amount.formula;
  let s: string;
  switch (f.kind) {
    case "rate":
      s = `${f.baseLabel ?? f.base.map(label).join(" + ")} × ${ratioText(def, f.rate)}`;
      break;
    case "fixed":
      s = `定额 ${moneyText(def, f.amountFen)}`;
      break;
    case "levelTable":
      s = `按${label(f.fact)}：${f.rows.map((r) => `${r.level}级 ${moneyText(def, r.amountFen)}`).join("，")}`;
      break;
    case "tiered":
      s = `${f.baseLabel ?? f.base.map(label).join(" + ")}分${f.mode === "progressive" ? "档累进" : "档"}计算`;
      break;
    case "interestSubsidy":
      s = `${label(f.principal)} × 年贴息 ${ratioText(def, f.annualRate)} × 期限（月）÷ 12${f.maxMonths ? `，最长 ${f.maxMonths}个月` : ""}`;
      break;
  }
  const caps = def.amount.caps;
  if (caps?.perAwardFen !== undefined)
    s += `，${def.beneficiary === "project" ? "单个项目" : "单笔"}最高 ${moneyText(def, caps.perAwardFen)}`;
  if (caps?.perEnterpriseFen !== undefined)
    s += `，每家企业累计最高 ${moneyText(def, caps.perEnterpriseFen)}`;
  if (caps?.perEnterprisePerYearFen !== undefined)
    s += `，每家企业每年最高 ${moneyText(def, caps.perEnterprisePerYearFen)}`;
  return s;
}

const OPS: Record<string, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<" };
/** Every leaf condition in words: "项目总投资 ≥ 1,000万元". */
export function conditionTexts(def: PolicyDefinition, c: Condition = def.conditions, prefix = ""): string[] {
  if (c.op === "all" || c.op === "any") {
    const inner = c.of.flatMap((x) => conditionTexts(def, x, prefix));
    return c.op === "any" && inner.length > 1 ? [`${prefix}满足其一：${inner.join("；或 ")}`] : inner;
  }
  if (c.op === "not") return conditionTexts(def, c.of, `${prefix}不属于：`);
  const fact = findFact(c.fact);
  const name = fact?.label ?? c.fact;
  const fmt = (v: unknown) => (fact ? formatFactValue(fact, v as never) : String(v));
  switch (c.op) {
    case "known":
      return [`${prefix}已提供${name}`];
    case "=":
      return [`${prefix}${name}：${fmt(c.value)}`];
    case "in":
      return [`${prefix}${name}属于 ${c.values.map((v) => `“${fmt(v)}”`).join("、")}`];
    case "includes":
      return [`${prefix}${name}包含“${fmt([c.value])}”`];
    default: {
      const v = isParamRef(c.value) ? moneyText(def, c.value) : fmt(c.value);
      return [`${prefix}${name} ${OPS[c.op]} ${v}`];
    }
  }
}
