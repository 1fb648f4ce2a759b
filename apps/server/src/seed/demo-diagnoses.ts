import { assessments, auditLog, type Database, enterprises, users } from "@dxcenter/db";
import type { Actor, Answers, AnswerValue, InstrumentDefinition } from "@dxcenter/domain";
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
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

const MARKER = "system.seed_demo_diagnoses";
const SYSTEM = { id: null, name: "system", role: "system", ip: null };
const DAY = 86_400_000;

/** YYYY-MM-DD in Asia/Shanghai, `days` from now. */
function shanghaiDay(now: number, days: number) {
  return new Date(now + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
}

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
  const [done] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.action, MARKER))
    .limit(1);
  if (done) return null;
  const accounts = await db
    .select({ id: users.id, username: users.username, role: users.role, enterpriseId: users.enterpriseId })
    .from(users)
    .where(inArray(users.username, ["district_admin", "provider", "provider2", "expert", "enterprise"]));
  const byName = (u: string) => accounts.find((a) => a.username === u);
  const districtUser = byName("district_admin");
  const provider = byName("provider");
  const provider2 = byName("provider2");
  const expert = byName("expert");
  if (!districtUser || !provider || !expert) return null;
  const actorOf = (u: { id: string; role: string }): Actor => ({
    id: u.id,
    role: u.role as Actor["role"],
    districtCode: u.role === "district_admin" ? DEMO_DISTRICT : null,
    enterpriseId: null,
  });
  const district = actorOf(districtUser);
  const team = actorOf(expert);
  const audit = (u: { id: string; username: string; role: string }) => ({
    id: u.id,
    name: u.username,
    role: u.role,
    ip: null,
  });
  const dAudit = audit(districtUser);
  const tAudit = audit(expert);

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
        byName("enterprise")?.enterpriseId
          ? ne(enterprises.id, byName("enterprise")!.enterpriseId!)
          : undefined,
      ),
    )
    .orderBy(desc(enterprises.uscc))
    .limit(20);
  const demoEnterprise = byName("enterprise")?.enterpriseId;
  const pool = [...withSelf.map((e) => e.id), ...others.map((e) => e.id)].filter(
    (id) => id !== demoEnterprise,
  );
  const ids = [...new Set(pool)].slice(0, 14);
  if (ids.length < 14) return null;

  const now = (opts.now ?? new Date()).getTime();
  const past = await createPlan(db, district, dAudit, {
    name: "2026年第三季度规上企业现场诊断",
    startDate: shanghaiDay(now, -120),
    endDate: shanghaiDay(now, -40),
    note: "演示数据：已基本完成",
  });
  const current = await createPlan(db, district, dAudit, {
    name: "2026年第四季度规上企业现场诊断",
    startDate: shanghaiDay(now, -30),
    endDate: shanghaiDay(now, 45),
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
      visitDate: shanghaiDay(now, offset),
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
  await recordAudit(db, SYSTEM, {
    action: MARKER,
    entityType: "diagnosis",
    after: { plans: 2, diagnoses: created },
  });
  return { plans: 2, diagnoses: created };
}
