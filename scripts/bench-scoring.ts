/**
 * Benchmark (not a test): scoring throughput of the pure assessment engine, per shipped instrument,
 * with and without the prioritised improvement list (which re-scores once per question).
 *   npm run bench:scoring [-- --sets 2000]
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type Answers, scoreAssessment } from "@dxcenter/domain";
import fc from "fast-check";
import { ALL_INSTRUMENTS, answersArb } from "../packages/domain/src/assessment/test-support";

const { values } = parseArgs({ options: { sets: { type: "string", default: "2000" } } });
const sets = Number(values.sets);
if (!Number.isInteger(sets) || sets < 10) {
  console.error("用法：npm run bench:scoring -- --sets <不少于10的整数>");
  process.exit(2);
}

console.log(
  `评分引擎吞吐（每个量表 ${sets} 份随机有效答卷，fast-check 固定种子；Node ${process.version}）\n`,
);
console.log("量表                       题数   含改进建议（份/秒）   不含改进建议（份/秒）");
for (const [name, def] of Object.entries(ALL_INSTRUMENTS)) {
  const answers = fc.sample(answersArb(def), { numRuns: sets, seed: 20261122 }) as Answers[];
  const rate = (improvements: boolean, n: number) => {
    for (const a of answers.slice(0, 20)) scoreAssessment(def, a, { improvements }); // warm-up
    const t = performance.now();
    for (const a of answers.slice(0, n)) {
      const r = scoreAssessment(def, a, { improvements });
      if (!r.ok) throw new Error(`${name}: generated answers rejected: ${r.errors[0]?.message}`);
    }
    return n / ((performance.now() - t) / 1000);
  };
  const questions = def.dimensions.flatMap((d) => d.subDimensions.flatMap((s) => s.questions)).length;
  const withImp = rate(true, Math.min(sets, 300));
  const without = rate(false, sets);
  console.log(
    `${name.padEnd(26)} ${String(questions).padStart(4)}   ${Math.round(withImp).toLocaleString("en-US").padStart(18)}   ${Math.round(without).toLocaleString("en-US").padStart(20)}`,
  );
}
