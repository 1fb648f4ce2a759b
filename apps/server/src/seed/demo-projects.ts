import { budgetPools, type Database, diagnoses, diagnosisTeam, enterprises } from "@dxcenter/db";
import { addDays, type CoordinationKind, EXPERT_SCORE_SHEET } from "@dxcenter/domain";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { shanghaiToday } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { createPool } from "../modules/policies/budget-pool.service";
import { decideProject } from "../modules/projects/approve-project";
import { createProject, submitProject } from "../modules/projects/project-application";
import { acceptProject, reportProgress } from "../modules/projects/project-progress";
import { getProject } from "../modules/projects/project-read";
import { assignReviewers, districtReview, scoreProject } from "../modules/projects/project-review";
import { payTranche } from "../modules/projects/project-tranches";
import { createTask } from "../modules/projects/task.service";

import { DEMO_DISTRICT } from "./demo";
import { demoProjectPlans } from "./demo-project-plans";
import { demoAccounts, SEED_ACTOR, seededBefore } from "./demo-seed";

const MARKER = "system.seed_demo_projects";
const OTHER_DISTRICTS = ["120103", "120111", "120113"]; // 河西区, 西青区, 北辰区

/**
 * Demo mode only, once per database (an audit row marks it): ~12 技改项目 in 滨海新区 and three other
 * districts, taken through every state by the real services (application, 区级初审, the demo expert's
 * score sheet, 市级审定 with the computed subsidy reserved from this year's pools, 开工 / progress /
 * 竣工 reports, 竣工验收, tranches paid), a couple overdue, and coordination tasks for the demo
 * `department` account. The demo `enterprise` account's own company gets none.
 */
export async function seedDemoProjects(db: Database) {
  if (await seededBefore(db, MARKER)) return null;
  const accounts = await demoAccounts(db, [
    "city_admin",
    "district_admin",
    "expert",
    "department",
    "enterprise",
  ]);
  const cityU = accounts.get("city_admin");
  const districtU = accounts.get("district_admin");
  const expertU = accounts.get("expert");
  const departmentU = accounts.get("department");
  if (!cityU || !districtU || !expertU || !departmentU) return null;
  const { actor: city, audit: cityA } = cityU;
  const { actor: district, audit: districtA } = districtU;
  const { actor: expert, audit: expertA } = expertU;
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));

  // This year's 技改 budget pools (city + the districts used), unless the policy demo made them.
  const have = await db
    .select({ code: budgetPools.code, districtCode: budgetPools.districtCode })
    .from(budgetPools)
    .where(eq(budgetPools.year, year));
  const ensure = async (
    code: string,
    payer: "city" | "district" | "central",
    name: string,
    totalWan: string,
    districtCode?: string,
  ) => {
    if (have.some((p) => p.code === code && (p.districtCode ?? null) === (districtCode ?? null))) return;
    await createPool(db, city, cityA, {
      code,
      name,
      payer,
      year,
      totalWan,
      note: "演示数据",
      ...(districtCode ? { districtCode } : {}),
    });
  };
  await ensure("tj-city-mfg-hq-fund", "city", `${year}年市级制造业高质量发展专项资金（演示）`, "3000");
  // 西青区's matching fund is small: its approved projects leave under 10 % of it, so the 预警中心's
  // budget rule has a real pool to warn about.
  for (const d of [DEMO_DISTRICT, ...OTHER_DISTRICTS])
    await ensure(
      "tj-city-mfg-hq-fund",
      "district",
      `${year}年区级技改配套资金（演示）`,
      d === "120111" ? "49" : "500",
      d,
    );
  await ensure("central-ultra-long-bond", "central", `${year}年超长期特别国债设备更新资金（演示）`, "5000");

  const demoEnterprise = accounts.get("enterprise")?.enterpriseId ?? null;
  const pickIn = async (districtCode: string, n: number) =>
    db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(
        and(
          eq(enterprises.districtCode, districtCode),
          demoEnterprise ? ne(enterprises.id, demoEnterprise) : undefined,
          // The demo expert reviews these projects by hand: 回避 refuses an enterprise it served.
          sql`not exists (select 1 from ${diagnosisTeam} t join ${diagnoses} d on d.id = t.diagnosis_id
            where d.enterprise_id = ${enterprises.id} and t.user_id = ${expertU.id})`,
        ),
      )
      .orderBy(asc(enterprises.uscc))
      .limit(n);
  const binhai = await pickIn(DEMO_DISTRICT, 9);
  const others = (await Promise.all(OTHER_DISTRICTS.map((d) => pickIn(d, 1)))).flat();
  if (binhai.length < 9 || others.length < OTHER_DISTRICTS.length) return null;

  const plans = demoProjectPlans(today);

  const sheet = (minus: number) =>
    Object.fromEntries(EXPERT_SCORE_SHEET.map((i, n) => [i.id, Math.max(0, i.max - ((minus + n) % 4))]));
  const counts: Record<string, number> = {};
  let bi = 0;
  for (const [i, plan] of plans.entries()) {
    const entId = plan.other !== undefined ? others[plan.other]!.id : binhai[bi++]!.id;
    const inBinhai = plan.other === undefined;
    const reviewer = inBinhai ? district : city;
    const reviewerA = inBinhai ? districtA : cityA;
    /** A progress report on the project by its reviewer, checked against today. */
    const report = (id: string, input: Parameters<typeof reportProgress>[4]) =>
      reportProgress(db, reviewer, reviewerA, id, input, today);
    /** Tranche `t` of the project's award, paid by the city with a demo voucher of year `y`. */
    const pay = (id: string, t: number, y: string | number) =>
      payTranche(
        db,
        city,
        cityA,
        id,
        { tranche: t, voucherNo: `演示-${y}-${i}-${t}` },
        `demo-project-${id}-t${t}`,
      );
    /** A coordination task for the demo department account on the project, from its reviewer. */
    const departmentTask = (
      p: { id: string; districtCode: string },
      kind: CoordinationKind,
      title: string,
      deadline: string,
    ) =>
      createTask(
        db,
        reviewer,
        reviewerA,
        p.id,
        { departmentUserId: departmentU.id, kind, title, deadline },
        async () => ({ districtCode: p.districtCode }),
      );
    let p = await createProject(db, reviewer, reviewerA, {
      enterpriseId: entId,
      name: plan.name,
      type: plan.type,
      totalInvestmentWan: plan.total,
      equipmentInvestmentWan: plan.equipment,
      softwareInvestmentWan: plan.software,
      cityDemonstration: false,
      reloanSupported: false,
      plannedStartDate: plan.start,
      plannedFinishDate: plan.finish,
      expectedOutcomes:
        "关键工序数控化率提高 15 个百分点，单位产值能耗下降 10%，新增产值约 3000 万元（演示数据）",
    });
    counts[plan.stage] = (counts[plan.stage] ?? 0) + 1;
    if (plan.stage === "draft") continue;
    p = await submitProject(db, reviewer, reviewerA, p.id, p.version);
    if (plan.stage === "district_review") continue;
    const returned = plan.stage === "returned";
    p = await districtReview(db, reviewer, reviewerA, p.id, {
      version: p.version,
      decision: returned ? "return" : "approve",
      opinion: returned
        ? "请补充主要设备清单及报价（演示）"
        : "材料齐全，符合申报条件，同意报市级评审（演示）",
    });
    if (returned) continue;
    p = await assignReviewers(db, city, cityA, p.id, { version: p.version, reviewerIds: [expert.id] });
    if (plan.stage === "expert_assigned") {
      await departmentTask(p, "eia", "协助办理项目环评审批", addDays(today, 20));
      continue;
    }
    p = await scoreProject(db, expert, expertA, p.id, {
      scores: sheet(i),
      opinion: "技术路线成熟，投资测算基本合理，建议支持（演示）",
    });
    if (plan.stage === "expert_scored") continue;
    const rejected = plan.stage === "rejected";
    p = await decideProject(db, city, cityA, p.id, {
      version: p.version,
      decision: rejected ? "reject" : "approve",
      opinion: rejected ? "节能效益测算依据不足，本批次不予立项（演示）" : "同意立项（演示）",
    });
    if (rejected) continue;
    if (plan.stage === "approved") {
      await departmentTask(p, "land", "协调新增厂房用地指标", addDays(today, -3));
      continue;
    }
    if (plan.stage === "completed") {
      const y = plan.start.slice(0, 4);
      await report(p.id, { kind: "start", reportDate: `${y}-03-10` });
      await report(p.id, {
        kind: "progress",
        reportDate: `${y}-07-15`,
        percent: 60,
        investmentCompletedWan: String(Math.round(Number(plan.total) * 0.6)),
      });
      await report(p.id, {
        kind: "completion",
        reportDate: `${y}-12-15`,
        investmentCompletedWan: String(Number(plan.total) - 20),
      });
      p = await getProject(db, city, p.id);
      p = await acceptProject(db, reviewer, reviewerA, p.id, {
        version: p.version,
        opinion: "通过竣工验收（演示）",
      });
      for (const t of [1, 2]) if (p.awardId) await pay(p.id, t, y);
      continue;
    }
    await report(p.id, { kind: "start", reportDate: addDays(today, -(plan.startedDaysAgo ?? 30)) });
    for (const [percent, wanDone, ago] of plan.progress ?? [])
      await report(p.id, {
        kind: "progress",
        reportDate: addDays(today, -ago),
        percent,
        investmentCompletedWan: wanDone,
      });
    p = await getProject(db, city, p.id);
    if (plan.payFirst && p.awardId) await pay(p.id, 1, year);
    if (plan.payFirst)
      await departmentTask(p, "construction_permit", "办理扩建厂房施工许可", addDays(today, 7));
    if (plan.stage === "acceptance")
      await report(p.id, {
        kind: "completion",
        reportDate: addDays(today, -2),
        investmentCompletedWan: String(Number(plan.total) - 15),
      });
  }
  await recordAudit(db, SEED_ACTOR, { action: MARKER, entityType: "project", after: { counts } });
  return counts;
}
