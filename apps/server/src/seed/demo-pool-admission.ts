import { REVIEW_SHEET } from "@dxcenter/contracts";
import {
  type Database,
  expertAssignments,
  poolApplications,
  poolReviewScores,
  providerStatusEvents,
  providers,
} from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { DAY_MS, shanghaiDayFrom } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { createDraw } from "../modules/experts/create-draw";
import { panelOf } from "../modules/experts/panel";
import { getApplication } from "../modules/providers/pool.queries";
import { applyToPool, openReview } from "../modules/providers/pool-applications";
import { admitAfterNotice } from "../modules/providers/pool-notice";
import { decide, sheetTotal } from "../modules/providers/pool-review";
import { demoAccounts, SEED_ACTOR } from "./demo-seed";

/** Field the seeded admission panel is drawn on: only generated pool experts have it, not the demo logins. */
const DEMO_ADMISSION_FIELD = "ERP";

/**
 * The demo `provider` account's organisation goes through the pool workflow as a user would: it
 * applies, the city opens the review and draws a panel (createDraw: seed, avoidance, stored), the
 * drawn experts accept and score (they have no logins: their acceptance and sheets are entered as
 * the system, audited with the same actions), the city decides with a notice that has already ended,
 * and admits. The application's times are then set to that timeline (applied 40 days ago, notice
 * 20–13 days ago); the audit log keeps when the rows were written.
 */
export async function admitDemoProvider(db: Database) {
  const accounts = await demoAccounts(db, ["provider", "city_admin"]);
  const provUser = accounts.get("provider");
  const cityUser = accounts.get("city_admin");
  if (!provUser || !cityUser) return null;
  const prov = provUser.actor;
  const city = cityUser.actor;
  const now = Date.now();

  let app = await applyToPool(db, prov, provUser.audit, {
    category: "system_solution",
    materials: [
      { name: "营业执照（副本）" },
      { name: "两化融合管理体系贯标咨询服务机构证书" },
      { name: "近三年制造业服务案例及验收报告", note: "6 个案例" },
    ],
    statement: "本机构申请加入服务商资源池（系统解决方案类），承诺所报材料真实有效，接受年度评价。",
  });
  app = await openReview(db, city, cityUser.audit, app.id, app.version);
  await createDraw(
    db,
    city,
    cityUser.audit,
    {
      purpose: "pool_review",
      subjectId: app.id,
      n: 3,
      fields: [DEMO_ADMISSION_FIELD],
      preferFieldCoverage: true,
      avoidance: {},
    },
    shanghaiDayFrom(now, -35),
    { seed: "5eed0de70000000000000000000000a1" },
  );
  const panel = await panelOf(db, "pool_review", app.id);
  const sheets: Record<string, number>[] = [
    { qualification: 13, capability: 21, cases: 21, team: 12, service: 8, price: 8 },
    { qualification: 14, capability: 20, cases: 22, team: 13, service: 9, price: 7 },
    { qualification: 12, capability: 22, cases: 20, team: 12, service: 8, price: 8 },
  ];
  for (const [i, m] of panel.entries()) {
    await db.transaction(async (tx) => {
      await tx
        .update(expertAssignments)
        .set({ status: "accepted", respondedAt: new Date(now - 33 * DAY_MS) })
        .where(eq(expertAssignments.id, m.assignmentId));
      await recordAudit(tx, SEED_ACTOR, {
        action: "expert_assignment.accept",
        entityType: "expert_assignment",
        entityId: m.assignmentId,
        after: { drawId: m.drawId, expertId: m.expertId, demo: "演示数据：专家书面答复" },
      });
      const items = sheets[i % sheets.length]!;
      const total = sheetTotal(items);
      await tx.insert(poolReviewScores).values({
        applicationId: app.id,
        expertId: m.expertId,
        sheetVersion: REVIEW_SHEET.version,
        items,
        total: String(total),
        comment: "资质齐全，生产执行与设备管理案例成效可量化，建议入库。",
        recommendation: "admit",
        submittedAt: new Date(now - (30 - i) * DAY_MS),
      });
      await recordAudit(tx, SEED_ACTOR, {
        action: "pool_application.score",
        entityType: "pool_application",
        entityId: app.id,
        after: { expertId: m.expertId, total, recommendation: "admit", demo: "演示数据：纸质打分表录入" },
      });
    });
  }
  app = await getApplication(db, city, app.id);
  const noticeStart = shanghaiDayFrom(now, -20);
  const noticeEnd = shanghaiDayFrom(now, -13);
  app = await decide(
    db,
    city,
    cityUser.audit,
    app.id,
    {
      decision: "admit",
      reason: "专家评审平均分高于入库线，同意拟入库并公示。",
      noticeStart,
      noticeEnd,
      version: app.version,
    },
    noticeStart,
  );
  app = await admitAfterNotice(
    db,
    city,
    cityUser.audit,
    app.id,
    { version: app.version },
    shanghaiDayFrom(now, -12),
  );
  // The timeline the dates above describe.
  const at = (days: number) => new Date(now + days * DAY_MS);
  await db
    .update(poolApplications)
    .set({
      submittedAt: at(-40),
      createdAt: at(-40),
      reviewOpenedAt: at(-36),
      decidedAt: at(-21),
      closedAt: at(-12),
      updatedAt: at(-12),
    })
    .where(eq(poolApplications.id, app.id));
  const events = await db
    .select({ id: providerStatusEvents.id, to: providerStatusEvents.toStatus })
    .from(providerStatusEvents)
    .where(eq(providerStatusEvents.providerId, app.providerId));
  const when: Record<string, number> = { applied: -40, under_review: -36, in_notice: -21, admitted: -12 };
  for (const e of events)
    if (e.to in when)
      await db
        .update(providerStatusEvents)
        .set({ at: at(when[e.to]!) })
        .where(eq(providerStatusEvents.id, e.id));
  await db
    .update(providers)
    .set({ admittedAt: at(-12) })
    .where(eq(providers.id, app.providerId));
  return app;
}
