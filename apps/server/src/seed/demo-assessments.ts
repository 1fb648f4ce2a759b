import {
  assessments,
  bulkInsert,
  type Database,
  enterprises,
  instruments,
  mulberry32,
  submittedScoreColumns,
  users,
} from "@dxcenter/db";
import {
  type Answers,
  type AnswerValue,
  type InstrumentDefinition,
  listQuestions,
  RATING_VALUES,
  scoreAssessment,
} from "@dxcenter/domain";
import { and, asc, eq } from "drizzle-orm";
import { DAY_MS } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { DEMO_DISTRICT } from "./demo";
import { SEED_ACTOR, seededBefore } from "./demo-seed";

export const DEMO_ASSESSMENT_INSTRUMENT = "miit-2024-manufacturing";
const SEED = 20260315;
const MARKER = "system.seed_demo_assessments";

/**
 * A plausible complete answer set: `capability` (0..1) moves every answer up its scale, `draws`
 * (one number in [0, 1) per question, in document order) spreads questions around it. The same
 * draws with a higher capability never give a lower answer, so a T1 drawn that way is a believable
 * re-assessment of the same enterprise.
 */
export function plausibleAnswers(
  def: InstrumentDefinition,
  capability: number,
  draws: readonly number[],
): Answers {
  const out: Record<string, AnswerValue> = {};
  listQuestions(def).forEach(({ question: q }, i) => {
    const u = draws[i % draws.length] ?? 0.5;
    const s = Math.min(0.999, Math.max(0, capability + (u - 0.5) * 0.6));
    const step = (n: number) => Math.min(n - 1, Math.floor(s * n));
    switch (q.kind) {
      case "single": {
        const sorted = [...q.options].sort((a, b) => a.points - b.points);
        out[q.id] = { kind: "single", optionId: sorted[step(sorted.length)]!.id };
        break;
      }
      case "multi": {
        const others = q.options.filter((o) => !o.exclusive);
        const k = step(others.length + 1);
        const none = q.options.find((o) => o.exclusive);
        out[q.id] =
          k === 0 && none
            ? { kind: "multi", optionIds: [none.id] }
            : { kind: "multi", optionIds: others.slice(0, Math.max(1, k)).map((o) => o.id) };
        break;
      }
      case "numeric":
        out[q.id] = {
          kind: "numeric",
          inputs: { [q.formula.numerator]: Math.round(s * 100), [q.formula.denominator]: 100 },
        };
        break;
      case "scene":
        out[q.id] = { kind: "scene", level: step(q.levels.length + 1) };
        break;
      case "rated": {
        const scale = [...RATING_VALUES].sort((a, b) => a - b);
        out[q.id] = { kind: "rated", rating: scale[step(scale.length)]! };
        break;
      }
    }
  });
  return out;
}

/**
 * Demo mode only (call it after the instruments are loaded): gives a deterministic ~30 % of the demo
 * enterprises a submitted MIIT self-assessment about a year ago (T0), and about two thirds of those a
 * recent re-assessment (T1) — mostly better, some worse — so 成效分析 has something to show.
 * Idempotent: runs once per database (an audit row marks it). The enterprise the demo `enterprise`
 * account belongs to is left alone, so its own journeys start from an empty assessment list.
 */
export async function seedDemoAssessments(
  db: Database,
  opts: { now?: Date } = {},
): Promise<{ enterprises: number; assessments: number } | null> {
  if (await seededBefore(db, MARKER)) return null;
  const [inst] = await db
    .select({ version: instruments.version, definition: instruments.definition })
    .from(instruments)
    .where(and(eq(instruments.id, DEMO_ASSESSMENT_INSTRUMENT), eq(instruments.current, true)));
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, "city_admin"));
  if (!inst || !admin) return null;
  const def = inst.definition as InstrumentDefinition;
  const [demoAccount] = await db
    .select({ enterpriseId: users.enterpriseId })
    .from(users)
    .where(eq(users.username, "enterprise"));
  const list = await db
    .select({ id: enterprises.id, uscc: enterprises.uscc, districtCode: enterprises.districtCode })
    .from(enterprises)
    .orderBy(asc(enterprises.uscc));

  const now = (opts.now ?? new Date()).getTime();
  const rng = mulberry32(SEED);
  const n = listQuestions(def).length;
  const rows: (typeof assessments.$inferInsert)[] = [];
  let chosen = 0;
  for (const e of list) {
    // Draw for every enterprise, chosen or not, so the subset does not depend on the exclusion below.
    const pick = rng();
    const draws = Array.from({ length: n }, () => rng());
    const c0 = 0.15 + rng() * 0.45;
    const again = rng();
    const change = rng();
    const t0Day = 330 + Math.floor(rng() * 70);
    const t1Day = 3 + Math.floor(rng() * 60);
    // A little more in 滨海新区 (the demo district account), so its own pages are not sparse.
    if (pick >= (e.districtCode === DEMO_DISTRICT ? 0.45 : 0.3) || e.id === demoAccount?.enterpriseId)
      continue;
    chosen++;
    const at = [{ capability: c0, time: now - t0Day * DAY_MS }];
    if (again < 0.65) {
      const c1 = change < 0.12 ? c0 - 0.08 : c0 + 0.03 + change * 0.17;
      at.push({ capability: c1, time: now - t1Day * DAY_MS });
    }
    for (const { capability, time } of at) {
      const answers = plausibleAnswers(def, capability, draws);
      const outcome = scoreAssessment(def, answers);
      if (!outcome.ok) throw new Error(`演示评估答案无效：${outcome.errors[0]?.message}`);
      const r = outcome.result;
      const when = new Date(time);
      rows.push({
        enterpriseId: e.id,
        instrumentId: DEMO_ASSESSMENT_INSTRUMENT,
        instrumentVersion: inst.version,
        kind: "self",
        status: "submitted",
        answers,
        progress: 100,
        ...submittedScoreColumns(r),
        commitmentAt: when,
        submittedAt: when,
        submittedBy: admin.id,
        createdBy: admin.id,
        createdAt: when,
        updatedAt: when,
      });
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) await bulkInsert(tx, assessments, rows.slice(i, i + 200));
    await recordAudit(tx, SEED_ACTOR, {
      action: MARKER,
      entityType: "assessment",
      after: { instrumentId: DEMO_ASSESSMENT_INSTRUMENT, enterprises: chosen, assessments: rows.length },
    });
  });
  return { enterprises: chosen, assessments: rows.length };
}
