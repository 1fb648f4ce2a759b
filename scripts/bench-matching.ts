/**
 * Benchmark (not a test): supply–demand matching and the expert draw on a deterministic synthetic
 * city — 10,000 solutions from 2,000 providers, one demand at a time; one draw from 5,000 experts
 * with a year of draw and service history.
 *   npm run bench:matching [-- --demands 200 --draws 200]
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type DrawRequest, drawExperts, rankProviders, rankSolutions, replaceExpert } from "@dxcenter/domain";
import {
  DISTRICT_NAMES,
  EXPERT_FIELDS,
  generateDemands,
  generateExperts,
  generateHistory,
  generateMarket,
  INDUSTRY_NAMES,
  SCENE_GROUPS,
  SCENE_NAMES,
} from "../packages/domain/src/matching/test-support";

const { values } = parseArgs({
  options: { demands: { type: "string", default: "200" }, draws: { type: "string", default: "200" } },
});
const demandCount = Number(values.demands);
const drawCount = Number(values.draws);
if (![demandCount, drawCount].every((n) => Number.isInteger(n) && n >= 10)) {
  console.error("用法：npm run bench:matching -- --demands <不少于10的整数> --draws <不少于10的整数>");
  process.exit(2);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
function measure(label: string, runs: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} p50 ${ms(quantile(times, 0.5))}   p95 ${ms(quantile(times, 0.95))}`);
}

let t = performance.now();
const { providers, solutions, providersById } = generateMarket("bench-market", {
  providers: 2000,
  solutions: 10_000,
});
const demands = generateDemands("bench-demands", demandCount);
const solutionsByProvider = new Map<string, typeof solutions>();
for (const s of solutions)
  solutionsByProvider.set(s.providerId, [...(solutionsByProvider.get(s.providerId) ?? []), s]);
const experts = generateExperts("bench-experts", 5000);
const history = generateHistory("bench-history", experts, 2000, 5000);
console.log(
  `数据生成 ${(performance.now() - t).toFixed(0)} ms：${solutions.length} 个解决方案、${providers.length} 家服务商、` +
    `${demands.length} 条需求、${experts.length} 名专家（抽取历史 2000 次、服务记录 5000 条）；Node ${process.version}\n`,
);

const names = { scenes: SCENE_NAMES, industries: INDUSTRY_NAMES, districts: DISTRICT_NAMES };
const opts = { names, sceneGroups: SCENE_GROUPS };
let sink = 0;
measure("匹配：1 条需求 × 10,000 方案（前 20 条含理由）", demandCount, (i) => {
  sink += rankSolutions(demands[i]!, solutions, providersById, { ...opts, limit: 20 }).entries.length;
});
measure("匹配：1 条需求 × 10,000 方案（全部含理由）", demandCount, (i) => {
  sink += rankSolutions(demands[i]!, solutions, providersById, opts).entries.length;
});
measure("匹配：1 条需求 × 2,000 服务商（前 20 条）", demandCount, (i) => {
  sink += rankProviders(demands[i]!, providers, { ...opts, limit: 20, solutionsByProvider }).entries.length;
});

const request = (i: number): DrawRequest => ({
  n: 5,
  fields: [EXPERT_FIELDS[i % EXPERT_FIELDS.length]!, EXPERT_FIELDS[(i + 3) % EXPERT_FIELDS.length]!],
  applicant: { enterpriseId: `ENT${i % 50}`, organization: "天津大学" },
  today: "2024-12-20",
  period: { from: "2025-01-06", to: "2025-01-07" },
  history,
  avoidance: { maxPanels: 6 },
});
measure("抽取：5,000 名专家抽 5 名（含回避与理由）", drawCount, (i) => {
  sink += drawExperts(experts, request(i), `bench-seed-${i}`).selected.length;
});
const first = drawExperts(experts, request(0), "bench-seed-0");
measure("替换：1 名专家谢绝后补抽 1 名", drawCount, (i) => {
  sink += replaceExpert(first, first.selected[i % first.selected.length]!.expertId, experts, request(0))
    .selected.length;
});
t = performance.now();
const d = drawExperts(experts, request(0), "bench-seed-0");
console.log(
  `\n示例抽取：库内 ${d.poolSize} 名，通过回避规则 ${d.eligibleCount} 名，排除 ${d.excluded.length} 名，抽中 ${d.selected
    .map((s) => s.expertId)
    .join("、")}（${(performance.now() - t).toFixed(1)} ms）`,
);
if (sink < 0) console.log(sink);
