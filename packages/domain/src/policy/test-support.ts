/** Builders for policy tests: a small valid project policy to patch, and money in 万元/元. */
import type { AmountFormula, Condition, FundingShare, PolicyDefinition, PolicyParameter } from "./policy";

/** 万元 → 分. */
export const wan = (n: number): number => n * 1_000_000;
/** 元 → 分. */
export const yuan = (n: number): number => n * 100;

export interface PolicyPatch {
  id?: string;
  name?: string;
  beneficiary?: PolicyDefinition["beneficiary"];
  validity?: PolicyDefinition["validity"];
  parameters?: PolicyParameter[];
  conditions?: Condition;
  formula?: AmountFormula;
  rounding?: PolicyDefinition["amount"]["rounding"];
  minFen?: PolicyDefinition["amount"]["minFen"];
  caps?: PolicyDefinition["amount"]["caps"];
  shares?: FundingShare[];
  group?: string;
}

/** "总投资 ≥ 1000万元 → 设备投资 × 10%", paid by the city, unless patched. */
export function policy(p: PolicyPatch = {}): PolicyDefinition {
  return {
    id: p.id ?? "test-policy",
    version: "1",
    name: p.name ?? "测试政策",
    level: "city",
    region: "测试市",
    issuer: "测试市工业和信息化局",
    beneficiary: p.beneficiary ?? "project",
    source: { document: "测试文件", clause: "测试条款" },
    validity: p.validity ?? {},
    parameters: p.parameters ?? [],
    conditions: p.conditions ?? {
      op: "all",
      of: [{ fact: "totalInvestmentFen", op: ">=", value: wan(1000) }],
    },
    amount: {
      formula: p.formula ?? { kind: "rate", base: ["equipmentInvestmentFen"], rate: { num: 10, den: 100 } },
      rounding: p.rounding ?? { mode: "down", unitFen: 1 },
      ...(p.minFen !== undefined ? { minFen: p.minFen } : {}),
      ...(p.caps ? { caps: p.caps } : {}),
    },
    funding: { budgetPoolId: "test-pool", shares: p.shares ?? [{ payer: "city", remainder: true }] },
    ...(p.group ? { nonCumulation: { group: p.group, note: "测试：同一项目只享受其一" } } : {}),
  };
}

export const TODAY = "2025-06-30";
