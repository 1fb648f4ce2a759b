import { assessments, type Database, enterprises } from "@dxcenter/db";
import type { Answers, AnswerValue, InstrumentDefinition } from "@dxcenter/domain";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { shanghaiDayFrom } from "../lib/dates";
import { saveAnswers, submitAssessment } from "../modules/assessments/assessment.service";
import { recordAudit } from "../modules/audit/audit.service";
import {
  closeDiagnosis,
  requestDiagnosis,
  scheduleDiagnosis,
  startOnsite,
} from "../modules/diagnoses/diagnosis.workflow";
import { getDiagnosis } from "../modules/diagnoses/diagnosis-detail";
import { assignTeam } from "../modules/diagnoses/diagnosis-team";
import { createPlan } from "../modules/diagnoses/plan.service";
import { loadDefinition } from "../modules/instruments/instrument-definition";
import { DEMO_DISTRICT } from "./demo";
import { DEMO_ASSESSMENT_INSTRUMENT } from "./demo-assessments";
import { demoAccounts, SEED_ACTOR, seededBefore } from "./demo-seed";

const MARKER = "system.seed_demo_diagnoses";

/**
 * What a diagnosis team typically finds: a few scenes one level lower than reported, and one
 * scored single-choice answer one option lower.
 */
function verifiedFrom(def: InstrumentDefinition, reported: Answers, howMany: number): Answers {
  const out: Record<string, AnswerValue> = { ...reported };
  let scenes = 0;
  let singles = 0;
  for (const d of def.dimensions)
    for (const s of d.subDimensions)
      for (const q of s.questions) {
        const a = out[q.id];
        if (q.kind === "scene" && a?.kind === "scene" && a.level > 0 && scenes < howMany) {
          out[q.id] = { kind: "scene", level: a.level - 1 };
          scenes++;
        }
        if (q.kind === "single" && a?.kind === "single" && singles < 1) {
          const sorted = [...q.options].sort((x, y) => x.points - y.points);
          const at = sorted.findIndex((o) => o.id === a.optionId);
          if (at > 0) {
            out[q.id] = { kind: "single", optionId: sorted[at - 1]!.id };
            singles++;
          }
        }
      }
  return out;
}

/**
 * Demo mode only, after the demo assessments: 滨海新区 gets two diagnosis plans and a dozen
 * diagnoses in every state of the workflow (some overdue), carried out by the demo provider and
 * expert accounts through the real services, so the pages, audit log and reports have content.
 * Idempotent (an audit row marks it). The demo `enterprise` account's own company is left alone.
 */
export async function seedDemoDiagnoses(db: Database, opts: { now?: Date } = {}) {
  if (await seededBefore(db, MARKER)) return null;
  const accounts = await demoAccounts(db, [
    "district_admin",
    "provider",
    "provider2",
    "expert",
    "enterprise",
  ]);
  const districtUser = accounts.get("district_admin");
  const provider = accounts.get("provider");
  const provider2 = accounts.get("provider2");
  const expert = accounts.get("expert");
  if (!districtUser || !provider || !expert) return null;
  const district = districtUser.actor;
  const team = expert.actor;
  const dAudit = districtUser.audit;
  const tAudit = expert.audit;
  const demoEnterprise = accounts.get("enterprise")?.enterpriseId ?? null;

  // 滨海新区 enterprises with a submitted self-assessment first (their on-site results have something to differ from).
  const withSelf = await db
    .selectDistinct({ id: assessments.enterpriseId, uscc: enterprises.uscc })
    .from(assessments)
    .innerJoin(enterprises, eq(enterprises.id, assessments.enterpriseId))
    .where(
      and(
        eq(enterprises.districtCode, DEMO_DISTRICT),
        eq(assessments.status, "submitted"),
        eq(assessments.instrumentId, DEMO_ASSESSMENT_INSTRUMENT),
      ),
    )
    .orderBy(asc(enterprises.uscc));
  const others = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(
      and(
        eq(enterprises.districtCode, DEMO_DISTRICT),
        demoEnterprise ? ne(enterprises.id, demoEnterprise) : undefined,
      ),
    )
    .orderBy(desc(enterprises.uscc))
    .limit(20);
  const pool = [...withSelf.map((e) => e.id), ...others.map((e) => e.id)].filter(
    (id) => id !== demoEnterprise,
  );
  const ids = [...new Set(pool)].slice(0, 14);
  if (ids.length < 14) return null;

  const now = (opts.now ?? new Date()).getTime();
  const past = await createPlan(db, district, dAudit, {
    name: "2026年第三季度规上企业现场诊断",
    startDate: shanghaiDayFrom(now, -120),
    endDate: shanghaiDayFrom(now, -40),
    note: "演示数据：已基本完成",
  });
  const current = await createPlan(db, district, dAudit, {
    name: "2026年第四季度规上企业现场诊断",
    startDate: shanghaiDayFrom(now, -30),
    endDate: shanghaiDayFrom(now, 45),
    note: "演示数据：进行中",
  });

  // [state, plan, visit day offset]
  const script: ["requested" | "scheduled" | "in_progress" | "verified" | "closed", string | null, number][] =
    [
      ["closed", past.id, -110],
      ["closed", past.id, -95],
      ["closed", past.id, -80],
      ["closed", current.id, -25],
      ["verified", current.id, -12],
      ["in_progress", current.id, -3], // overdue: visit day passed, on-site not submitted
      ["in_progress", current.id, 2],
      ["scheduled", current.id, -6], // overdue
      ["scheduled", current.id, 9],
      ["scheduled", current.id, 20],
      ["scheduled", past.id, -50], // overdue since last quarter
      ["requested", null, 0],
      ["requested", null, 0],
      ["requested", null, 0],
    ];
  const notes = [
    "希望诊断生产环节的设备联网和数据采集",
    "计划上马MES系统，请专家评估现状",
    "企业拟申报技改项目，需要诊断报告",
    null,
  ];
  let created = 0;
  for (const [i, [state, planId, offset]] of script.entries()) {
    const enterpriseId = ids[i]!;
    const note = notes[i % notes.length];
    let d = await requestDiagnosis(db, district, dAudit, {
      enterpriseId,
      instrumentId: DEMO_ASSESSMENT_INSTRUMENT,
      ...(note ? { requestNote: note } : {}),
    });
    created++;
    if (state === "requested" || !planId) continue;
    d = await scheduleDiagnosis(db, district, dAudit, d.id, {
      planId,
      visitDate: shanghaiDayFrom(now, offset),
      version: d.version,
    });
    d = await assignTeam(db, district, dAudit, d.id, {
      members: [
        { userId: expert.id, lead: true },
        { userId: provider.id, lead: false },
        // provider2 joined the last quarter's visits: its pool review avoids the demo expert (近期服务回避).
        ...(provider2 && planId === past.id ? [{ userId: provider2.id, lead: false }] : []),
      ],
      version: d.version,
    });
    if (state === "scheduled") continue;
    d = await startOnsite(db, team, tAudit, d.id, d.version);
    const onsiteId = d.onsiteAssessmentId!;
    const [onsite] = await db.select().from(assessments).where(eq(assessments.id, onsiteId));
    const def = await loadDefinition(db, onsite!.instrumentId, onsite!.instrumentVersion);
    if (!def) return null;
    const reported = onsite!.answers as Answers;
    if (Object.keys(reported).length === 0) continue; // nothing to verify against: leave the draft empty
    const saved = await saveAnswers(db, team, tAudit, onsiteId, {
      answers: verifiedFrom(def, reported, 1 + (i % 3)),
      version: onsite!.version,
    });
    if (state === "in_progress") continue;
    await submitAssessment(db, team, tAudit, onsiteId, { version: saved.version });
    if (state === "verified") continue;
    d = await getDiagnosis(db, team, d.id);
    await closeDiagnosis(db, team, tAudit, d.id, {
      conclusion:
        "经现场核实，企业基础网络和信息化管理基础较好，生产作业与设备管理场景的自评等级偏高。建议：一是建设设备联网与数据采集平台，提升设备数字化率；二是以计划排程为突破口部署生产执行系统（MES）；三是申报市级技改项目支持。",
      version: d.version,
    });
  }
  await recordAudit(db, SEED_ACTOR, {
    action: MARKER,
    entityType: "diagnosis",
    after: { plans: 2, diagnoses: created },
  });
  return { plans: 2, diagnoses: created };
}
