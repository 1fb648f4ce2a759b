/**
 * evaluatePolicy: one policy, one enterprise (and project) → eligible / ineligible / missing, each
 * condition with a Chinese sentence, what is missing, and the amount step by step with its shares.
 *
 * The order of the amount computation is fixed and shown in `steps`:
 *   formula (exact rational) → rounding (the policy's mode and unit) → floor (minFen) → cap per award
 *   → cap per enterprise (minus prior awards) → cap per enterprise per year → shares.
 * Each cap can only lower the amount and never below 0, so the result is within every cap.
 *
 * An unknown fact is never read as false: a condition that needs it is "unknown", the policy's status
 * is "missing", and the fact is listed — the calculator's "what is missing".
 */
import {
  add,
  cmp,
  type Exact,
  exact,
  formatExactMoney,
  formatMoney,
  formatRatio,
  fromRatio,
  isInteger,
  mul,
  ROUNDING_MODE_LABELS,
  ROUNDING_UNIT_LABELS,
  roundFen,
} from "./exact";
import {
  type FactDefinition,
  type FactSubject,
  type Facts,
  type FactValue,
  findFact,
} from "./fact-catalogue";
import { type Resolved, resolveMoney, resolveRatio } from "./parameters";
import {
  type BeneficiaryKind,
  type CalendarDate,
  type CompareOp,
  type Condition,
  isCompare,
  isParamRef,
  type LeafCondition,
  type MoneyOperand,
  PAYER_LABELS,
  type Payer,
  type PolicyDefinition,
  type PolicyLevel,
} from "./policy";
import { isCalendarDate } from "./validate-policy";

export interface PriorAward {
  readonly policyId: string;
  readonly amountFen: number;
  /** Date the award was granted (Asia/Shanghai); its year counts against per-year caps. */
  readonly awardedOn: CalendarDate;
  /** The project it was for, so non-cumulation can see an award already granted to the same project. */
  readonly projectId?: string;
}

export interface EvaluationContext {
  /** Asia/Shanghai calendar date the evaluation is for (validity, per-year caps). */
  readonly today: CalendarDate;
  /** The enterprise's earlier awards (any policy; the evaluator picks the ones that count). */
  readonly priorAwards?: readonly PriorAward[];
  /** The project being evaluated, for project policies. */
  readonly projectId?: string;
}

export type ConditionOutcome = "pass" | "fail" | "unknown";

export interface ConditionResult {
  /** Path of the condition in the definition, e.g. "conditions.of[1]". */
  readonly path: string;
  readonly outcome: ConditionOutcome;
  readonly text: string;
  /** Leaf conditions: the fact they test. */
  readonly fact?: string;
  readonly children?: readonly ConditionResult[];
}

export interface MissingFact {
  readonly fact: string;
  readonly label: string;
  readonly subject: FactSubject;
  /** absent: not provided; invalid: provided but not a value of the fact's type (detail says why). */
  readonly reason: "absent" | "invalid";
  readonly detail?: string;
}

export interface MissingParameter {
  readonly id: string;
  readonly label: string;
}

export interface AmountStep {
  readonly text: string;
  /** The running amount after this step, in 分 (absent for steps that only explain). */
  readonly amountFen?: number;
}

export interface ShareResult {
  readonly payer: Payer;
  readonly payerLabel: string;
  readonly budgetPoolId: string;
  /** "50%" or "其余部分". */
  readonly ratioText: string;
  readonly amountFen: number;
}

export type PolicyStatus = "eligible" | "ineligible" | "missing";

export interface PolicyEvaluation {
  readonly policyId: string;
  readonly policyVersion: string;
  readonly policyName: string;
  readonly level: PolicyLevel;
  readonly beneficiary: BeneficiaryKind;
  readonly status: PolicyStatus;
  /** One Chinese sentence for lists. */
  readonly summary: string;
  readonly validity: { readonly outcome: "pass" | "fail"; readonly text: string };
  readonly conditions: ConditionResult;
  readonly missing: readonly MissingFact[];
  readonly missingParameters: readonly MissingParameter[];
  /** The award in 分 when eligible, else null. */
  readonly amountFen: number | null;
  readonly steps: readonly AmountStep[];
  /** Sum exactly to amountFen when eligible; empty otherwise. */
  readonly shares: readonly ShareResult[];
  readonly budgetPoolId: string;
  readonly nonCumulationGroup?: string;
  readonly amountNote?: string;
}

// ---------------------------------------------------------------------------------------------
// Facts

type Read = { ok: true; value: FactValue } | { ok: false; missing: MissingFact };

function readFact(facts: Facts, id: string): Read {
  const def = findFact(id);
  const fact: FactDefinition = def ?? { id, label: id, subject: "project", type: "code" };
  const v = facts[id];
  const missing = (reason: "absent" | "invalid", detail?: string): Read => ({
    ok: false,
    missing: { fact: id, label: fact.label, subject: fact.subject, reason, ...(detail ? { detail } : {}) },
  });
  if (v === undefined || v === null) return missing("absent");
  const whole = typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
  switch (fact.type) {
    case "money":
      return whole ? { ok: true, value: v } : missing("invalid", `${fact.label}应为不小于 0 的整数分`);
    case "count":
    case "months":
      return whole ? { ok: true, value: v } : missing("invalid", `${fact.label}应为不小于 0 的整数`);
    case "level":
      return whole && (fact.maxLevel === undefined || (v as number) <= fact.maxLevel)
        ? { ok: true, value: v }
        : missing("invalid", `${fact.label}应为 0–${fact.maxLevel} 的整数`);
    case "boolean":
      return typeof v === "boolean" ? { ok: true, value: v } : missing("invalid", `${fact.label}应为是或否`);
    case "enum":
      return typeof v === "string" && fact.values?.some((o) => o.key === v)
        ? { ok: true, value: v }
        : missing("invalid", `${fact.label}的取值“${String(v)}”不在可选值中`);
    case "code":
      return typeof v === "string" && v.trim() !== ""
        ? { ok: true, value: v }
        : missing("invalid", `${fact.label}应为代码文本`);
    case "set":
      return Array.isArray(v) && v.every((x) => typeof x === "string")
        ? { ok: true, value: v }
        : missing("invalid", `${fact.label}应为取值列表`);
    case "date":
      return isCalendarDate(v)
        ? { ok: true, value: v }
        : missing("invalid", `${fact.label}应为 YYYY-MM-DD 日期`);
  }
}

/** A fact value in words: "900万元", "3级（稳健级）", "是", "技术改造", "18个月". */
export function formatFactValue(fact: FactDefinition, v: FactValue): string {
  switch (fact.type) {
    case "money":
      return formatMoney(v as number);
    case "count":
      return `${(v as number).toLocaleString("en-US")}${fact.unit ?? ""}`;
    case "months":
      return `${v}个月`;
    case "level": {
      const n = v as number;
      if (n === 0) return "未获评";
      const name = fact.levelNames?.[n - 1];
      return `${n}级${name ? `（${name}）` : ""}`;
    }
    case "boolean":
      return v ? "是" : "否";
    case "enum":
      return fact.values?.find((o) => o.key === v)?.label ?? String(v);
    case "set": {
      const list = v as readonly string[];
      if (list.length === 0) return "无";
      return list.map((k) => fact.values?.find((o) => o.key === k)?.label ?? k).join("、");
    }
    case "code":
    case "date":
      return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Conditions

interface Ctx {
  readonly def: PolicyDefinition;
  readonly facts: Facts;
  readonly missing: Map<string, MissingFact>;
  readonly params: Map<string, MissingParameter>;
}

function noteParam(ctx: Ctx, r: Resolved<unknown>) {
  if (!r.ok) ctx.params.set(r.param, { id: r.param, label: r.label });
}

const OP_TEXT: Record<CompareOp, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<" };
const DATE_OP_TEXT: Record<CompareOp, string> = { ">=": "不早于", ">": "晚于", "<=": "不晚于", "<": "早于" };

function compareValues(a: FactValue, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function evalCondition(c: Condition, path: string, ctx: Ctx): ConditionResult {
  if (c.op === "all" || c.op === "any") {
    const children = c.of.map((child, i) => evalCondition(child, `${path}.of[${i}]`, ctx));
    const outs = children.map((r) => r.outcome);
    let outcome: ConditionOutcome;
    if (c.op === "all")
      outcome = outs.includes("fail") ? "fail" : outs.includes("unknown") ? "unknown" : "pass";
    else outcome = outs.includes("pass") ? "pass" : outs.includes("unknown") ? "unknown" : "fail";
    const text =
      c.op === "all"
        ? { pass: "以下条件全部满足", fail: "以下条件未全部满足", unknown: "以下条件尚不能全部确认" }[outcome]
        : { pass: "以下条件满足其一", fail: "以下条件均不满足", unknown: "以下条件尚不能确认是否满足其一" }[
            outcome
          ];
    return { path, outcome, text, children };
  }
  if (c.op === "not") {
    const child = evalCondition(c.of, `${path}.of`, ctx);
    const outcome: ConditionOutcome =
      child.outcome === "unknown" ? "unknown" : child.outcome === "pass" ? "fail" : "pass";
    const text = {
      pass: "不属于下列情形（符合要求）",
      fail: "属于下列情形，本政策要求不属于",
      unknown: "尚不能确认是否属于下列情形",
    }[outcome];
    return { path, outcome, text, children: [child] };
  }
  return evalLeaf(c, path, ctx);
}

function evalLeaf(c: LeafCondition, path: string, ctx: Ctx): ConditionResult {
  const fact = findFact(c.fact) ?? {
    id: c.fact,
    label: c.fact,
    subject: "project" as const,
    type: "code" as const,
  };
  const label = fact.label;
  const fmt = (v: FactValue) => formatFactValue(fact, v);
  const base = { path, fact: c.fact };
  const read = readFact(ctx.facts, c.fact);

  if (c.op === "known")
    return read.ok
      ? { ...base, outcome: "pass", text: `已提供${label}：${fmt(read.value)}` }
      : { ...base, outcome: "fail", text: `未提供${label}` };

  // What the condition asks for, in words (also used when the fact is unknown).
  let wanted: string;
  let threshold: number | string | undefined;
  if (isCompare(c)) {
    if (isParamRef(c.value)) {
      const r = resolveMoney(ctx.def, c.value);
      if (!r.ok) {
        noteParam(ctx, r);
        return { ...base, outcome: "unknown", text: `门槛参数“${r.label}”尚未设定，无法判断${label}` };
      }
      threshold = r.value;
    } else threshold = c.value;
    wanted =
      fact.type === "date" ? `${DATE_OP_TEXT[c.op]} ${threshold}` : `${OP_TEXT[c.op]} ${fmt(threshold)}`;
  } else if (c.op === "=") wanted = `为“${fmt(c.value)}”`;
  else if (c.op === "in") wanted = `属于 ${c.values.map((v) => `“${fmt(v)}”`).join("、")}`;
  else wanted = `包含“${fmt([c.value])}”`;

  if (!read.ok) {
    if (!ctx.missing.has(c.fact)) ctx.missing.set(c.fact, read.missing);
    const why =
      read.missing.reason === "absent" ? `尚未提供${label}` : `${label}填报有误（${read.missing.detail}）`;
    const sep = isCompare(c) && fact.type !== "date" ? " " : "";
    return { ...base, outcome: "unknown", text: `${why}，无法判断是否${sep}${wanted}` };
  }
  const v = read.value;
  const shown = `${label} ${fmt(v)}`;

  if (threshold !== undefined && isCompare(c)) {
    const d = compareValues(v, threshold);
    const pass = { ">=": d >= 0, ">": d > 0, "<=": d <= 0, "<": d < 0 }[c.op];
    const t = fmt(threshold);
    if (fact.type === "date") {
      const w = DATE_OP_TEXT[c.op];
      return {
        ...base,
        outcome: pass ? "pass" : "fail",
        text: pass ? `${shown}，${w} ${t}` : `${shown}，不满足“${w} ${t}”的要求`,
      };
    }
    const text = pass
      ? {
          ">=": `${shown}，达到 ≥ ${t}门槛`,
          ">": `${shown}，超过 ${t}（需 > ${t}）`,
          "<=": `${shown}，未超过 ${t}上限`,
          "<": `${shown}，低于 ${t}（需 < ${t}）`,
        }[c.op]
      : {
          ">=": `${shown}，低于 ${t}门槛（需 ≥ ${t}）`,
          ">": `${shown}，未超过 ${t}（需 > ${t}）`,
          "<=": `${shown}，超过 ${t}上限（需 ≤ ${t}）`,
          "<": `${shown}，未低于 ${t}（需 < ${t}）`,
        }[c.op];
    return { ...base, outcome: pass ? "pass" : "fail", text };
  }
  if (c.op === "=") {
    const pass = v === c.value;
    if (fact.type === "boolean")
      return {
        ...base,
        outcome: pass ? "pass" : "fail",
        text: pass ? `${label}：${fmt(v)}` : `${label}：${fmt(v)}（需为“${fmt(c.value)}”）`,
      };
    return {
      ...base,
      outcome: pass ? "pass" : "fail",
      text: pass ? `${label}为“${fmt(v)}”` : `${label}为“${fmt(v)}”，不是“${fmt(c.value)}”`,
    };
  }
  if (c.op === "in") {
    const pass = c.values.includes(v as string | number);
    return {
      ...base,
      outcome: pass ? "pass" : "fail",
      text: pass ? `${label}为“${fmt(v)}”，符合要求` : `${label}为“${fmt(v)}”，不属于 ${wanted.slice(3)}`,
    };
  }
  // includes
  const list = v as readonly string[];
  const pass = list.includes(c.value as string);
  return {
    ...base,
    outcome: pass ? "pass" : "fail",
    text: pass
      ? `${label}包含“${fmt([c.value as string])}”`
      : `${label}（${fmt(list)}）不包含“${fmt([c.value as string])}”`,
  };
}

// ---------------------------------------------------------------------------------------------
// Amount

type Computed = { ok: true; amountFen: number; steps: AmountStep[] } | { ok: false };

function need<T>(ctx: Ctx, r: Resolved<T>): T | undefined {
  if (r.ok) return r.value;
  noteParam(ctx, r);
  return undefined;
}

function readMoneyFacts(ctx: Ctx, ids: readonly string[]): bigint[] | undefined {
  const out: bigint[] = [];
  let ok = true;
  for (const id of ids) {
    const r = readFact(ctx.facts, id);
    if (r.ok) out.push(BigInt(r.value as number));
    else {
      ok = false;
      if (!ctx.missing.has(id)) ctx.missing.set(id, r.missing);
    }
  }
  return ok ? out : undefined;
}

function baseStep(
  ids: readonly string[],
  values: bigint[],
  baseLabel: string | undefined,
  steps: AmountStep[],
) {
  const label = (id: string) => findFact(id)?.label ?? id;
  const sum = values.reduce((a, b) => a + b, 0n);
  const name = baseLabel ?? (ids.length === 1 ? label(ids[0]!) : "计算基数");
  if (ids.length > 1)
    steps.push({
      text: `${ids.map((id, i) => `${label(id)} ${formatMoney(values[i]!)}`).join(" + ")} = ${formatMoney(sum)}（${name}）`,
    });
  return { sum, name };
}

/** The formula's exact result (before rounding), with its explanation. */
function formulaExact(ctx: Ctx, steps: AmountStep[]): Exact | undefined {
  const { def } = ctx;
  const f = def.amount.formula;
  switch (f.kind) {
    case "rate": {
      const values = readMoneyFacts(ctx, f.base);
      const rate = need(ctx, resolveRatio(def, f.rate));
      if (!values || !rate) return undefined;
      const { sum, name } = baseStep(f.base, values, f.baseLabel, steps);
      const raw = mul(exact(sum), fromRatio(rate));
      steps.push({ text: `${name} ${formatMoney(sum)} × ${formatRatio(rate)} = ${formatExactMoney(raw)}` });
      return raw;
    }
    case "fixed": {
      const amount = need(ctx, resolveMoney(def, f.amountFen));
      if (amount === undefined) return undefined;
      steps.push({ text: `定额奖补 ${formatMoney(amount)}` });
      return exact(amount);
    }
    case "levelTable": {
      const fact = findFact(f.fact);
      const r = readFact(ctx.facts, f.fact);
      if (!r.ok) {
        if (!ctx.missing.has(f.fact)) ctx.missing.set(f.fact, r.missing);
        return undefined;
      }
      const level = r.value as number;
      const row = [...f.rows].reverse().find((x) => x.level <= level);
      const shown = fact ? formatFactValue(fact, level) : String(level);
      if (!row) {
        steps.push({
          text: `${fact?.label ?? f.fact} ${shown}，未达到最低奖补等级 ${f.rows[0]?.level ?? "?"}级，金额为 0`,
        });
        return exact(0);
      }
      const amount = need(ctx, resolveMoney(def, row.amountFen));
      if (amount === undefined) return undefined;
      steps.push({
        text: `${fact?.label ?? f.fact} ${shown}${row.level === level ? "" : `，按 ${row.level}级`}：奖补 ${formatMoney(amount)}`,
      });
      return exact(amount);
    }
    case "tiered": {
      const values = readMoneyFacts(ctx, f.base);
      const rates = f.brackets.map((b) =>
        b.rate === undefined ? undefined : need(ctx, resolveRatio(def, b.rate)),
      );
      const amounts = f.brackets.map((b) =>
        b.amountFen === undefined ? undefined : need(ctx, resolveMoney(def, b.amountFen)),
      );
      if (
        !values ||
        f.brackets.some(
          (b, i) =>
            (b.rate !== undefined && !rates[i]) || (b.amountFen !== undefined && amounts[i] === undefined),
        )
      )
        return undefined;
      const { sum, name } = baseStep(f.base, values, f.baseLabel, steps);
      const range = (from: number, to: number | undefined) =>
        to === undefined
          ? `${formatMoney(from)} 以上`
          : `${formatMoney(from)}（含）至 ${formatMoney(to)}（不含）`;
      if (f.mode === "progressive") {
        let total = exact(0);
        const parts: string[] = [];
        f.brackets.forEach((b, i) => {
          const from = BigInt(b.fromFen);
          const to = b.toFen === undefined ? undefined : BigInt(b.toFen);
          if (sum <= from) return;
          const portion = (to !== undefined && sum > to ? to : sum) - from;
          const rate = rates[i]!;
          const part = mul(exact(portion), fromRatio(rate));
          total = add(total, part);
          parts.push(formatExactMoney(part));
          steps.push({
            text: `第 ${i + 1} 档 ${range(b.fromFen, b.toFen)}：${formatMoney(portion)} × ${formatRatio(rate)} = ${formatExactMoney(part)}`,
          });
        });
        const last = f.brackets[f.brackets.length - 1];
        if (last?.toFen !== undefined && sum > BigInt(last.toFen))
          steps.push({ text: `${name}超过 ${formatMoney(last.toFen)} 的部分不予计算` });
        steps.push({
          text: `${name} ${formatMoney(sum)} 累进合计 ${parts.length > 1 ? `${parts.join(" + ")} = ` : ""}${formatExactMoney(total)}`,
        });
        return total;
      }
      const i = f.brackets.findIndex(
        (b) => sum >= BigInt(b.fromFen) && (b.toFen === undefined || sum < BigInt(b.toFen)),
      );
      const b = f.brackets[i];
      if (!b) {
        steps.push({ text: `${name} ${formatMoney(sum)} 不在任何档位内，金额为 0` });
        return exact(0);
      }
      const head = `${name} ${formatMoney(sum)} 属于第 ${i + 1} 档（${range(b.fromFen, b.toFen)}）`;
      const rate = rates[i];
      if (rate) {
        const raw = mul(exact(sum), fromRatio(rate));
        steps.push({
          text: `${head}：${formatMoney(sum)} × ${formatRatio(rate)} = ${formatExactMoney(raw)}`,
        });
        return raw;
      }
      const amount = amounts[i]!;
      steps.push({ text: `${head}：定额 ${formatMoney(amount)}` });
      return exact(amount);
    }
    case "interestSubsidy": {
      const values = readMoneyFacts(ctx, [f.principal]);
      const m = readFact(ctx.facts, f.months);
      if (!m.ok && !ctx.missing.has(f.months)) ctx.missing.set(f.months, m.missing);
      const rate = need(ctx, resolveRatio(def, f.annualRate));
      if (!values || !m.ok || !rate) return undefined;
      const principal = values[0]!;
      let months = m.value as number;
      if (f.maxMonths !== undefined && months > f.maxMonths) {
        steps.push({
          text: `贷款期限 ${months}个月，贴息期限最长 ${f.maxMonths}个月，按 ${f.maxMonths}个月计`,
        });
        months = f.maxMonths;
      }
      const raw = mul(mul(exact(principal), fromRatio(rate)), { n: BigInt(months), d: 12n });
      const label = findFact(f.principal)?.label ?? f.principal;
      steps.push({
        text: `${label} ${formatMoney(principal)} × 年贴息 ${formatRatio(rate)} × ${months}个月 ÷ 12 = ${formatExactMoney(raw)}`,
      });
      return raw;
    }
  }
}

function sumPrior(ctx: EvaluationContext, ids: ReadonlySet<string>, year?: string): bigint {
  let s = 0n;
  for (const a of ctx.priorAwards ?? [])
    if (ids.has(a.policyId) && (year === undefined || a.awardedOn.slice(0, 4) === year) && a.amountFen > 0)
      s += BigInt(a.amountFen);
  return s;
}

function computeAmount(ctx: Ctx, ectx: EvaluationContext): Computed {
  const { def } = ctx;
  const steps: AmountStep[] = [];
  const raw = formulaExact(ctx, steps);
  const { caps, rounding } = def.amount;
  const resolveCap = (op: MoneyOperand | undefined) =>
    op === undefined ? undefined : need(ctx, resolveMoney(def, op));
  const minFen = resolveCap(def.amount.minFen);
  const perAward = resolveCap(caps?.perAwardFen);
  const perEnterprise = resolveCap(caps?.perEnterpriseFen);
  const perYear = resolveCap(caps?.perEnterprisePerYearFen);
  if (raw === undefined || ctx.params.size > 0 || ctx.missing.size > 0) return { ok: false };

  let amount = roundFen(raw, rounding);
  const unit = ROUNDING_UNIT_LABELS[rounding.unitFen] ?? `${rounding.unitFen}分`;
  if (cmp(raw, exact(amount)) !== 0)
    steps.push({
      text: `${formatExactMoney(raw)} 按${unit}${ROUNDING_MODE_LABELS[rounding.mode]}为 ${formatMoney(amount)}`,
      amountFen: Number(amount),
    });
  else if (steps.length > 0)
    steps[steps.length - 1] = { ...steps[steps.length - 1]!, amountFen: Number(amount) };

  if (minFen !== undefined && amount < BigInt(minFen)) {
    amount = BigInt(minFen);
    steps.push({
      text: `低于最低金额 ${formatMoney(minFen)}，按 ${formatMoney(minFen)} 核定`,
      amountFen: Number(amount),
    });
  }
  if (perAward !== undefined) {
    const what = def.beneficiary === "project" ? "单个项目" : "单笔";
    const cap = BigInt(perAward);
    if (amount > cap) {
      amount = cap;
      steps.push({
        text: `超过${what}最高 ${formatMoney(cap)}，按 ${formatMoney(cap)} 封顶`,
        amountFen: Number(amount),
      });
    } else steps.push({ text: `未超过${what}最高 ${formatMoney(cap)}`, amountFen: Number(amount) });
  }
  const counted = new Set([def.id, ...(caps?.countsAwardsOf ?? [])]);
  const enterpriseCap = (capFen: number, prior: bigint, what: string) => {
    const cap = BigInt(capFen);
    const left = cap > prior ? cap - prior : 0n;
    const had = prior > 0n ? `已获本政策奖补 ${formatMoney(prior)}，` : "";
    if (amount > left) {
      amount = left;
      steps.push({
        text: `${had}${what}最高 ${formatMoney(cap)}，剩余额度 ${formatMoney(left)}，按 ${formatMoney(left)} 核定`,
        amountFen: Number(amount),
      });
    } else
      steps.push({
        text: `${had}${what}最高 ${formatMoney(cap)}${prior > 0n ? `，剩余额度 ${formatMoney(left)}` : ""}，未超过`,
        amountFen: Number(amount),
      });
  };
  if (perEnterprise !== undefined) enterpriseCap(perEnterprise, sumPrior(ectx, counted), "每家企业累计");
  if (perYear !== undefined) {
    const year = ectx.today.slice(0, 4);
    enterpriseCap(perYear, sumPrior(ectx, counted, year), `每家企业 ${year}年`);
  }
  const n = Number(amount);
  if (!Number.isSafeInteger(n)) throw new RangeError(`政策“${def.name}”的金额超出可表示范围`);
  return { ok: true, amountFen: n, steps };
}

function computeShares(ctx: Ctx, amountFen: number, steps: AmountStep[]): ShareResult[] | undefined {
  const { def } = ctx;
  const { shares, budgetPoolId } = def.funding;
  const ratios = shares.map((s) => ("remainder" in s ? undefined : need(ctx, resolveRatio(def, s.ratio))));
  if (shares.some((s, i) => !("remainder" in s) && !ratios[i])) return undefined;
  const remainderIndex = shares.findIndex((s) => "remainder" in s);
  if (remainderIndex < 0) return undefined;
  const amount = exact(amountFen);
  // Explicit shares round down to the fen; the remainder share takes what is left (including the
  // fen lost in rounding), so the shares add up to the amount exactly.
  const fens = ratios.map((r) =>
    r ? roundFen(mul(amount, fromRatio(r)), { mode: "down", unitFen: 1 }) : 0n,
  );
  const given = fens.reduce((a, b) => a + b, 0n);
  fens[remainderIndex] = BigInt(amountFen) - given;
  const result = shares.map(
    (s, i): ShareResult => ({
      payer: s.payer,
      payerLabel: PAYER_LABELS[s.payer],
      budgetPoolId: s.budgetPoolId ?? budgetPoolId,
      ratioText: i === remainderIndex ? (shares.length === 1 ? "100%" : "其余部分") : formatRatio(ratios[i]!),
      amountFen: Number(fens[i]),
    }),
  );
  if (result.length === 1)
    steps.push({ text: `由${result[0]!.payerLabel}全额承担 ${formatMoney(amountFen)}` });
  else
    result.forEach((s, i) => {
      const r = ratios[i];
      const inexact = r !== undefined && !isInteger(mul(amount, fromRatio(r)));
      steps.push({
        text:
          i === remainderIndex
            ? `${s.payerLabel}承担其余部分 = ${formatMoney(s.amountFen)}`
            : `${s.payerLabel}承担 ${s.ratioText} = ${formatMoney(s.amountFen)}${inexact ? "（不足1分的部分计入其余部分）" : ""}`,
      });
    });
  return result;
}

// ---------------------------------------------------------------------------------------------

function validityResult(def: PolicyDefinition, today: string): PolicyEvaluation["validity"] {
  const { from, until } = def.validity;
  if (from !== undefined && today < from)
    return { outcome: "fail", text: `${today} 早于政策生效日期 ${from}` };
  if (until !== undefined && today > until)
    return { outcome: "fail", text: `政策有效期至 ${until}（含当日），${today} 已过期` };
  if (from === undefined && until === undefined) return { outcome: "pass", text: "政策文本未载明有效期" };
  return {
    outcome: "pass",
    text: `${today} 在政策有效期内（${from ?? "发布之日"} 至 ${until ?? "未载明"}，含首尾）`,
  };
}

function mergeBy<T>(key: (t: T) => string, ...lists: T[][]): T[] {
  const m = new Map<string, T>();
  for (const list of lists) for (const t of list) if (!m.has(key(t))) m.set(key(t), t);
  return [...m.values()];
}

function firstLeaf(r: ConditionResult, outcome: ConditionOutcome): ConditionResult | undefined {
  if (!r.children) return r.outcome === outcome ? r : undefined;
  for (const c of r.children) {
    const hit = firstLeaf(c, outcome);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Evaluates one policy for one enterprise (and project). Pure and deterministic: the same
 * definition, facts and context always give the same result. Throws only on a malformed
 * `ctx.today` (a programming error); bad facts are reported as missing.
 */
export function evaluatePolicy(
  def: PolicyDefinition,
  facts: Facts,
  ctx: EvaluationContext,
): PolicyEvaluation {
  if (!isCalendarDate(ctx.today)) throw new RangeError(`评估日期“${ctx.today}”应为 YYYY-MM-DD`);
  const c: Ctx = { def, facts, missing: new Map(), params: new Map() };
  const validity = validityResult(def, ctx.today);
  const conditions = evalCondition(def.conditions, "conditions", c);
  const base = {
    policyId: def.id,
    policyVersion: def.version,
    policyName: def.name,
    level: def.level,
    beneficiary: def.beneficiary,
    validity,
    conditions,
    budgetPoolId: def.funding.budgetPoolId,
    ...(def.nonCumulation ? { nonCumulationGroup: def.nonCumulation.group } : {}),
    ...(def.amount.note ? { amountNote: def.amount.note } : {}),
  };
  const conditionMissing = [...c.missing.values()];
  const conditionParams = [...c.params.values()];

  if (validity.outcome === "fail" || conditions.outcome === "fail") {
    const reason =
      validity.outcome === "fail" ? validity.text : (firstLeaf(conditions, "fail")?.text ?? conditions.text);
    return {
      ...base,
      status: "ineligible",
      summary: `不符合“${def.name}”：${reason}`,
      missing: conditionMissing,
      missingParameters: conditionParams,
      amountFen: null,
      steps: [],
      shares: [],
    };
  }
  // Conditions pass or are unknown: the formula's facts are needed either way ("what is missing").
  // The amount gets its own bookkeeping, so an unknown fact that an `any` did not need does not
  // block an eligible result.
  const a: Ctx = { def, facts, missing: new Map(), params: new Map() };
  const computed = computeAmount(a, ctx);
  const steps = computed.ok ? computed.steps : [];
  const shares = computed.ok ? computeShares(a, computed.amountFen, steps) : undefined;
  const undecided = conditions.outcome === "unknown";
  const missing = mergeBy((m) => m.fact, undecided ? conditionMissing : [], [...a.missing.values()]);
  const missingParameters = mergeBy((p) => p.id, undecided ? conditionParams : [], [...a.params.values()]);
  if (undecided || !computed.ok || !shares) {
    const what: string[] = [];
    if (missing.length > 0) what.push(`尚缺${missing.map((m) => m.label).join("、")}`);
    if (missingParameters.length > 0)
      what.push(`政策参数${missingParameters.map((p) => `“${p.label}”`).join("、")}尚未由市里设定`);
    return {
      ...base,
      status: "missing",
      summary: `“${def.name}”暂不能判断：${what.join("；") || "条件尚不能确认"}`,
      missing,
      missingParameters,
      amountFen: null,
      steps: [],
      shares: [],
    };
  }
  return {
    ...base,
    status: "eligible",
    summary:
      computed.amountFen > 0
        ? `符合“${def.name}”，可获 ${formatMoney(computed.amountFen)}`
        : `符合“${def.name}”条件，但额度已用完，本次为 0元`,
    missing: [],
    missingParameters: [],
    amountFen: computed.amountFen,
    steps,
    shares,
  };
}
