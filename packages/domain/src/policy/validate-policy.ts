/**
 * Semantic checks of a policy definition — what a JSON schema cannot say: facts exist in the
 * catalogue and are compared with values of their own type, parameters exist with the right kind
 * and are used, rates are fractions in [0, 100%], brackets tile the base from 0 without gaps,
 * caps are non-negative and above the floor, shares leave a non-negative remainder, dates are
 * ordered. The zod schema (contracts/policy.ts) checks shapes and then calls this, so a city
 * editing a policy file gets every mistake in Chinese with its path, not a wrong award later.
 */

import { add, cmp, exact, formatRatio, fromRatio, ratioAtMostOne, ratioValid } from "./exact";
import { type FactDefinition, findFact, isOrdered } from "./fact-catalogue";
import {
  type Condition,
  isParamRef,
  type MoneyOperand,
  PAYER_LABELS,
  type ParameterKind,
  type PolicyDefinition,
  type RatioOperand,
} from "./policy";

export interface PolicyIssue {
  /** Dotted path into the definition, e.g. "conditions.of[1].value". */
  readonly path: string;
  readonly message: string;
}
export type PolicyValidation = { ok: true } | { ok: false; errors: PolicyIssue[] };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar date "YYYY-MM-DD" (2025-02-30 is not). */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const isFen = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

type Err = (path: string, message: string) => void;

export function validatePolicy(def: PolicyDefinition): PolicyValidation {
  const errors: PolicyIssue[] = [];
  const err: Err = (path, message) => errors.push({ path, message });
  const used = new Set<string>();

  // Parameters
  const params = new Map<string, ParameterKind>();
  def.parameters.forEach((p, i) => {
    const path = `parameters[${i}]`;
    if (params.has(p.id)) err(`${path}.id`, `参数编号“${p.id}”重复`);
    params.set(p.id, p.kind);
    if (p.value === null) return;
    if (p.kind === "money" && !isFen(p.value))
      err(`${path}.value`, `参数“${p.label}”的金额 ${p.value} 无效：应为不小于 0 的整数分`);
    if (p.kind === "ratio") {
      if (!ratioValid(p.value))
        err(`${path}.value`, `参数“${p.label}”的比例无效：num、den 应为整数，den 大于 0，num 不小于 0`);
      else if (!ratioAtMostOne(p.value))
        err(`${path}.value`, `参数“${p.label}”的比例 ${formatRatio(p.value)} 超过 100%`);
    }
  });
  const ratio = (path: string, what: string, op: RatioOperand) => {
    if (isParamRef(op)) return paramRef(path, what, op.param, "ratio");
    if (!ratioValid(op)) err(path, `${what}无效：num、den 应为整数，den 大于 0，num 不小于 0`);
    else if (!ratioAtMostOne(op)) err(path, `${what} ${formatRatio(op)} 超过 100%`);
  };
  const money = (path: string, what: string, op: MoneyOperand) => {
    if (isParamRef(op)) return paramRef(path, what, op.param, "money");
    if (!isFen(op)) err(path, `${what} ${op} 无效：应为不小于 0 的整数分`);
  };
  const paramRef = (path: string, what: string, id: string, kind: ParameterKind) => {
    used.add(id);
    const k = params.get(id);
    if (k === undefined) err(path, `${what}引用的参数“${id}”不存在`);
    else if (k !== kind) err(path, `${what}需要${kind === "ratio" ? "比例" : "金额"}参数，“${id}”不是`);
  };
  /** Value of a literal or set parameter, for cross checks; undefined when not known. */
  const moneyValue = (op: MoneyOperand | undefined): number | undefined => {
    if (op === undefined) return undefined;
    if (!isParamRef(op)) return isFen(op) ? op : undefined;
    const p = def.parameters.find((x) => x.id === op.param);
    return p?.kind === "money" && p.value !== null && isFen(p.value) ? p.value : undefined;
  };
  const ratioValue = (op: RatioOperand) => {
    if (!isParamRef(op)) return ratioValid(op) ? op : undefined;
    const p = def.parameters.find((x) => x.id === op.param);
    return p?.kind === "ratio" && p.value !== null && ratioValid(p.value) ? p.value : undefined;
  };

  // Dates
  const { from, until } = def.validity;
  if (from !== undefined && !isCalendarDate(from))
    err("validity.from", `生效日期“${from}”无效：应为 YYYY-MM-DD 格式的日期`);
  if (until !== undefined && !isCalendarDate(until))
    err("validity.until", `截止日期“${until}”无效：应为 YYYY-MM-DD 格式的日期`);
  if (isCalendarDate(from) && isCalendarDate(until) && from > until)
    err("validity", `生效日期 ${from} 晚于截止日期 ${until}`);
  if (def.source.published !== undefined && !isCalendarDate(def.source.published))
    err("source.published", `发布日期“${def.source.published}”无效：应为 YYYY-MM-DD 格式的日期`);

  validateCondition(def.conditions, "conditions", err, ratio, money);

  // Amount
  const f = def.amount.formula;
  const fPath = "amount.formula";
  const moneyFacts = (path: string, base: readonly string[]) => {
    if (base.length === 0) err(path, "计算基数至少应有一个金额事实");
    base.forEach((id, i) => {
      const fact = findFact(id);
      if (!fact) err(`${path}[${i}]`, `计算基数“${id}”不在事实目录中`);
      else if (fact.type !== "money") err(`${path}[${i}]`, `计算基数“${fact.label}”不是金额`);
      if (base.indexOf(id) !== i) err(`${path}[${i}]`, `计算基数“${id}”重复`);
    });
  };
  switch (f.kind) {
    case "rate":
      moneyFacts(`${fPath}.base`, f.base);
      ratio(`${fPath}.rate`, "补助比例", f.rate);
      break;
    case "fixed":
      money(`${fPath}.amountFen`, "定额奖补", f.amountFen);
      break;
    case "levelTable": {
      const fact = findFact(f.fact);
      if (!fact) err(`${fPath}.fact`, `等级事实“${f.fact}”不在事实目录中`);
      else if (fact.type !== "level") err(`${fPath}.fact`, `“${fact.label}”不是等级，不能按等级定额`);
      if (f.rows.length === 0) err(`${fPath}.rows`, "按等级定额至少应有一行");
      f.rows.forEach((row, i) => {
        const path = `${fPath}.rows[${i}]`;
        if (!Number.isInteger(row.level) || row.level < 1 || (fact?.maxLevel && row.level > fact.maxLevel))
          err(`${path}.level`, `等级 ${row.level} 无效：应为 1–${fact?.maxLevel ?? "?"} 的整数`);
        const prev = f.rows[i - 1];
        if (prev && !(row.level > prev.level))
          err(`${path}.level`, `等级应严格递增，第 ${i + 1} 行为 ${row.level}`);
        money(`${path}.amountFen`, `${row.level}级奖补金额`, row.amountFen);
      });
      break;
    }
    case "tiered": {
      moneyFacts(`${fPath}.base`, f.base);
      if (f.brackets.length === 0) err(`${fPath}.brackets`, "分档计算至少应有一档");
      f.brackets.forEach((b, i) => {
        const path = `${fPath}.brackets[${i}]`;
        const name = `第 ${i + 1} 档`;
        if (!isFen(b.fromFen)) err(`${path}.fromFen`, `${name}下限 ${b.fromFen} 无效：应为不小于 0 的整数分`);
        if (b.toFen !== undefined && !isFen(b.toFen))
          err(`${path}.toFen`, `${name}上限 ${b.toFen} 无效：应为不小于 0 的整数分`);
        if (b.toFen !== undefined && isFen(b.fromFen) && isFen(b.toFen) && !(b.toFen > b.fromFen))
          err(path, `${name}上限 ${b.toFen} 应大于下限 ${b.fromFen}`);
        if (i === 0 && b.fromFen !== 0) err(`${path}.fromFen`, "第 1 档应从 0 开始");
        const prev = f.brackets[i - 1];
        if (prev) {
          if (prev.toFen === undefined) err(path, `第 ${i} 档没有上限，其后不能再有档位`);
          else if (prev.toFen !== b.fromFen)
            err(
              `${path}.fromFen`,
              prev.toFen < b.fromFen
                ? `第 ${i} 档与第 ${i + 1} 档之间有空档：${prev.toFen} 分到 ${b.fromFen} 分`
                : `第 ${i} 档与第 ${i + 1} 档重叠：上一档到 ${prev.toFen} 分，下一档从 ${b.fromFen} 分开始`,
            );
        }
        if (f.mode === "progressive") {
          if (b.rate === undefined) err(`${path}.rate`, `累进计算的${name}应有比例 rate`);
          if (b.amountFen !== undefined) err(`${path}.amountFen`, `累进计算的${name}不能是定额`);
        } else if ((b.rate === undefined) === (b.amountFen === undefined))
          err(path, `${name}应有且只有比例 rate 或定额 amountFen 之一`);
        if (b.rate !== undefined) ratio(`${path}.rate`, `${name}比例`, b.rate);
        if (b.amountFen !== undefined) money(`${path}.amountFen`, `${name}定额`, b.amountFen);
      });
      break;
    }
    case "interestSubsidy": {
      const p = findFact(f.principal);
      if (!p) err(`${fPath}.principal`, `贷款本金事实“${f.principal}”不在事实目录中`);
      else if (p.type !== "money") err(`${fPath}.principal`, `“${p.label}”不是金额`);
      const m = findFact(f.months);
      if (!m) err(`${fPath}.months`, `贷款期限事实“${f.months}”不在事实目录中`);
      else if (m.type !== "months") err(`${fPath}.months`, `“${m.label}”不是以月计的期限`);
      ratio(`${fPath}.annualRate`, "年贴息比例", f.annualRate);
      if (f.maxMonths !== undefined && !(Number.isSafeInteger(f.maxMonths) && f.maxMonths > 0))
        err(`${fPath}.maxMonths`, `贴息期限上限 ${f.maxMonths} 无效：应为正整数（月）`);
      break;
    }
  }
  const { caps, minFen } = def.amount;
  if (minFen !== undefined) money("amount.minFen", "最低金额", minFen);
  const capEntries = [
    ["perAwardFen", "单笔最高金额"],
    ["perEnterpriseFen", "每家企业累计最高金额"],
    ["perEnterprisePerYearFen", "每家企业每年最高金额"],
  ] as const;
  for (const [key, what] of capEntries) {
    const cap = caps?.[key];
    if (cap === undefined) continue;
    money(`amount.caps.${key}`, what, cap);
    const c = moneyValue(cap);
    const floor = moneyValue(minFen);
    if (c !== undefined && floor !== undefined && floor > c)
      err("amount.minFen", `最低金额 ${floor} 分高于${what} ${c} 分`);
  }
  caps?.countsAwardsOf?.forEach((id, i) => {
    if (id === def.id) err(`amount.caps.countsAwardsOf[${i}]`, "本政策的奖补本来就计入上限，不必列出");
  });

  // Funding
  const { shares } = def.funding;
  if (shares.length === 0) err("funding.shares", "至少应有一个出资方");
  const payers = new Set<string>();
  let remainders = 0;
  let explicit = exact(0);
  let explicitKnown = true;
  shares.forEach((s, i) => {
    const path = `funding.shares[${i}]`;
    if (payers.has(s.payer)) err(`${path}.payer`, `出资方“${PAYER_LABELS[s.payer]}”重复`);
    payers.add(s.payer);
    if ("remainder" in s) remainders++;
    else {
      ratio(`${path}.ratio`, `${PAYER_LABELS[s.payer]}承担比例`, s.ratio);
      const r = ratioValue(s.ratio);
      if (r) explicit = add(explicit, fromRatio(r));
      else explicitKnown = false;
    }
  });
  if (shares.length > 0 && remainders !== 1)
    err(
      "funding.shares",
      `应有且只有一个出资方承担其余部分（remainder: true），以保证各方金额合计等于奖补金额；现有 ${remainders} 个`,
    );
  if (explicitKnown && cmp(explicit, exact(1)) > 0)
    err(
      "funding.shares",
      `各出资方的承担比例合计 ${formatRatio({ num: Number(explicit.n), den: Number(explicit.d) })}，超过 100%`,
    );

  // Every parameter is used: an unused one is usually a typo in a reference.
  def.parameters.forEach((p, i) => {
    if (!used.has(p.id)) err(`parameters[${i}].id`, `参数“${p.label}”（${p.id}）没有被任何条件或公式引用`);
  });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

function validateCondition(
  c: Condition,
  path: string,
  err: Err,
  ratio: (path: string, what: string, op: RatioOperand) => void,
  money: (path: string, what: string, op: MoneyOperand) => void,
) {
  if (c.op === "all" || c.op === "any") {
    if (c.of.length === 0) err(`${path}.of`, `“${c.op === "all" ? "全部满足" : "满足其一"}”至少应有一个条件`);
    c.of.forEach((child, i) => {
      validateCondition(child, `${path}.of[${i}]`, err, ratio, money);
    });
    return;
  }
  if (c.op === "not") {
    validateCondition(c.of, `${path}.of`, err, ratio, money);
    return;
  }
  const fact = findFact(c.fact);
  if (!fact) {
    err(`${path}.fact`, `事实“${c.fact}”不在事实目录中`);
    return;
  }
  const name = `条件“${fact.label}”`;
  switch (c.op) {
    case ">=":
    case ">":
    case "<=":
    case "<":
      if (!isOrdered(fact.type)) {
        err(`${path}.op`, `${name}：${typeName(fact)}不能比较大小（${c.op}）`);
        return;
      }
      if (isParamRef(c.value)) {
        if (fact.type !== "money") err(`${path}.value`, `${name}：只有金额门槛可以引用参数`);
        else money(`${path}.value`, `${name}的门槛`, c.value);
        return;
      }
      checkScalar(fact, c.value, `${path}.value`, name, err);
      return;
    case "=":
      if (fact.type === "set") {
        err(`${path}.op`, `${name}：多选事实应使用 includes 判断`);
        return;
      }
      checkScalar(fact, c.value, `${path}.value`, name, err);
      return;
    case "in":
      if (!["enum", "code", "level", "count"].includes(fact.type)) {
        err(`${path}.op`, `${name}：${typeName(fact)}不能用“属于”（in）判断`);
        return;
      }
      if (c.values.length === 0) err(`${path}.values`, `${name}：取值列表不能为空`);
      c.values.forEach((v, i) => {
        checkScalar(fact, v, `${path}.values[${i}]`, name, err);
        if (c.values.indexOf(v) !== i) err(`${path}.values[${i}]`, `${name}：取值“${v}”重复`);
      });
      return;
    case "includes":
      if (fact.type !== "set") {
        err(`${path}.op`, `${name}：只有多选事实可以用 includes 判断`);
        return;
      }
      if (fact.values && !fact.values.some((o) => o.key === c.value))
        err(`${path}.value`, `${name}：取值“${c.value}”不在可选值中`);
      return;
    case "known":
      return;
  }
}

function typeName(f: FactDefinition): string {
  const names: Record<FactDefinition["type"], string> = {
    money: "金额",
    count: "数量",
    months: "月数",
    level: "等级",
    boolean: "是否",
    enum: "选项",
    code: "代码",
    set: "多选",
    date: "日期",
  };
  return `${names[f.type]}类事实`;
}

function checkScalar(fact: FactDefinition, v: unknown, path: string, name: string, err: Err) {
  const bad = (want: string) => err(path, `${name}的取值 ${JSON.stringify(v)} 无效：应为${want}`);
  switch (fact.type) {
    case "money":
      if (!isFen(v)) bad("不小于 0 的整数分");
      return;
    case "count":
    case "months":
      if (!isFen(v)) bad("不小于 0 的整数");
      return;
    case "level":
      if (!isFen(v) || (fact.maxLevel !== undefined && v > fact.maxLevel))
        bad(`0–${fact.maxLevel ?? "?"} 的整数等级`);
      return;
    case "boolean":
      if (typeof v !== "boolean") bad("true 或 false");
      return;
    case "enum":
      if (typeof v !== "string" || !fact.values?.some((o) => o.key === v))
        bad(`可选值之一：${(fact.values ?? []).map((o) => o.key).join("、")}`);
      return;
    case "code":
      if (typeof v !== "string" || v.trim() === "") bad("非空代码");
      return;
    case "date":
      if (!isCalendarDate(v)) bad("YYYY-MM-DD 格式的日期");
      return;
    case "set":
      bad("单个取值");
      return;
  }
}

/**
 * Checks across a set of definitions (the shipped files, or what the server loads): every single
 * definition, unique id + version, and one beneficiary kind per non-cumulation group (an enterprise
 * award and a project award cannot exclude each other meaningfully).
 */
export function validatePolicies(defs: readonly PolicyDefinition[]): PolicyValidation {
  const errors: PolicyIssue[] = [];
  const seen = new Set<string>();
  const groupKind = new Map<string, string>();
  defs.forEach((def, i) => {
    const r = validatePolicy(def);
    if (!r.ok) for (const e of r.errors) errors.push({ path: `[${i}].${e.path}`, message: e.message });
    const key = `${def.id}@${def.version}`;
    if (seen.has(key))
      errors.push({ path: `[${i}].version`, message: `政策“${def.id}”的版本 ${def.version} 重复` });
    seen.add(key);
    const g = def.nonCumulation?.group;
    if (g) {
      const kind = groupKind.get(g);
      if (kind !== undefined && kind !== def.beneficiary)
        errors.push({
          path: `[${i}].nonCumulation.group`,
          message: `不重复享受组“${g}”中混有企业类与项目类政策`,
        });
      groupKind.set(g, def.beneficiary);
    }
  });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
