import type { PolicyDetail, PolicyItem } from "@dxcenter/contracts";
import { type Executor, policies } from "@dxcenter/db";
import {
  type Condition,
  findFact,
  findParameter,
  formatFactValue,
  formatMoney,
  formatRatio,
  isParamRef,
  type MoneyOperand,
  type PolicyDefinition,
  type RatioOperand,
} from "@dxcenter/domain";
import { and, asc, eq } from "drizzle-orm";

/** Definitions are immutable per id + version (the loader refuses changes), so a process may cache them. */
const cache = new Map<string, PolicyDefinition>();

export async function loadPolicyVersion(
  db: Executor,
  id: string,
  version: string,
): Promise<PolicyDefinition | null> {
  const key = `${id}@${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [row] = await db
    .select({ definition: policies.definition })
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.version, version)));
  if (!row) return null;
  const def = row.definition as PolicyDefinition;
  cache.set(key, def);
  return def;
}

/** The current version of every policy, in file order (id). */
export async function currentPolicies(db: Executor): Promise<PolicyDefinition[]> {
  const rows = await db
    .select({ id: policies.id, version: policies.version, definition: policies.definition })
    .from(policies)
    .where(eq(policies.current, true))
    .orderBy(asc(policies.id));
  return rows.map((r) => {
    const key = `${r.id}@${r.version}`;
    const def = cache.get(key) ?? (r.definition as PolicyDefinition);
    cache.set(key, def);
    return def;
  });
}

export async function currentPolicy(db: Executor, id: string) {
  const [row] = await db
    .select({ version: policies.version, sourceFile: policies.sourceFile })
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.current, true)));
  if (!row) return null;
  const def = await loadPolicyVersion(db, id, row.version);
  return def ? { def, sourceFile: row.sourceFile } : null;
}

export async function policyVersions(db: Executor, id: string): Promise<string[]> {
  const rows = await db
    .select({ version: policies.version })
    .from(policies)
    .where(eq(policies.id, id))
    .orderBy(asc(policies.loadedAt));
  return rows.map((r) => r.version);
}

/** YYYY-MM-DD in Asia/Shanghai. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

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

export function toPolicyItem(def: PolicyDefinition, today: string): PolicyItem {
  return {
    id: def.id,
    version: def.version,
    name: def.name,
    level: def.level,
    region: def.region,
    issuer: def.issuer,
    beneficiary: def.beneficiary,
    validFrom: def.validity.from ?? null,
    validUntil: def.validity.until ?? null,
    validToday: isValidOn(def, today),
    unsetParameters: def.parameters.filter((p) => p.value === null).length,
    setByCityParameters: def.parameters.filter((p) => p.setByCity).length,
    unconfirmed: def.unconfirmed?.length ?? 0,
    nonCumulationGroup: def.nonCumulation?.group ?? null,
    document: def.source.document,
    formulaText: formulaText(def),
    conditionTexts: conditionTexts(def),
  };
}

export function toPolicyDetail(
  def: PolicyDefinition,
  today: string,
  sourceFile: string,
  versions: string[],
): PolicyDetail {
  return {
    ...toPolicyItem(def, today),
    definition: def,
    sourceFile,
    otherVersions: versions.filter((v) => v !== def.version),
  };
}
