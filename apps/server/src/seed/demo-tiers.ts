import { certificationRounds, certifications, type Database, enterprises } from "@dxcenter/db";
import { type Actor, addDays } from "@dxcenter/domain";
import { and, asc, eq, ne } from "drizzle-orm";
import { shanghaiToday } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { applicationStep, apply, lodgeObjection } from "../modules/certifications/applications";
import { recordCertification } from "../modules/certifications/certification-steps";
import { createRound, roundStep } from "../modules/certifications/rounds";
import { DEMO_DISTRICT } from "./demo";
import { demoAccounts, SEED_ACTOR, seededBefore } from "./demo-seed";

const MARKER = "system.seed_demo_tiers";
const FORM = {
  "factory-name": "智能装配车间",
  scope: "车间",
  scenes: "车间智能排产\n在线智能检测\n设备运行监控",
  investment: 1800,
  results: "生产效率提升25%，不良品率下降30%",
  contact: "张伟 13812345678",
};
const WORKSHOP_FORM = {
  "workshop-name": "数字化机加车间",
  products: "精密零部件",
  "networked-equipment": 85,
  systems: "MES、WMS、设备联网平台",
  investment: 900,
  results: "设备综合效率提升18%",
  contact: "李娜 13912345678",
};

/**
 * Demo mode only, once per database: 梯度培育 through the real services — 基础级 and CMMM/DCMM
 * certificates recorded, a 先进级 round recognised (certificates issued), a 数字化车间 round in 公示
 * with an open objection, a second 先进级 round open for applications (the demo enterprise holds
 * 基础级 and has not applied), and a 专精特新 claim waiting for 滨海新区's confirmation.
 */
export async function seedDemoTiers(db: Database) {
  if (await seededBefore(db, MARKER)) return null;
  const accounts = await demoAccounts(db, ["city_admin", "district_admin", "enterprise"]);
  const city = accounts.get("city_admin");
  const district = accounts.get("district_admin");
  const ent = accounts.get("enterprise");
  if (!city || !district || !ent) return null;
  const today = shanghaiToday();
  const year = today.slice(0, 4);
  const pick = (districtCode: string, n: number) =>
    db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(
        and(
          eq(enterprises.districtCode, districtCode),
          eq(enterprises.aboveScale, true),
          ne(enterprises.id, ent.enterpriseId ?? "00000000-0000-0000-0000-000000000000"),
        ),
      )
      .orderBy(asc(enterprises.uscc))
      .limit(n);
  const binhai = await pick(DEMO_DISTRICT, 8);
  const heping = await pick("120101", 3);
  const xiqing = await pick("120111", 3);
  let serial = 0;
  const record = (
    enterpriseId: string,
    programmeId: string,
    levelId: string,
    from: string,
    body = "天津市工业和信息化局",
  ) =>
    recordCertification(db, city.actor, city.audit, {
      enterpriseId,
      programmeId,
      levelId,
      source: programmeId === "cmmm" || programmeId === "dcmm" ? "external" : "imported",
      validFrom: from,
      certificateNo: `${programmeId.toUpperCase()}-DEMO-${String(++serial).padStart(3, "0")}`,
      issuingBody: body,
    });
  // 基础级 self-assessments recorded from the historical list, for every applicant and the demo enterprise
  const applicants = [...binhai, ...heping, ...xiqing];
  for (const e of [...applicants, ...(ent.enterpriseId ? [{ id: ent.enterpriseId }] : [])])
    await record(e.id, "smart-factory", "basic", addDays(today, -200));
  for (const e of binhai.slice(0, 3))
    await record(e.id, "cmmm", "level-3", addDays(today, -300), "中国电子技术标准化研究院");
  for (const e of heping.slice(0, 2))
    await record(e.id, "dcmm", "level-2", addDays(today, -1200), "中国电子信息行业联合会");
  await record(binhai[7]!.id, "green-factory", "district", addDays(today, -400), "滨海新区工业和信息化局");

  const enterpriseActor = (enterpriseId: string): Actor => ({ ...ent.actor, enterpriseId });
  const applyAs = async (roundId: string, enterpriseId: string, form: Record<string, string | number>) =>
    (await apply(db, enterpriseActor(enterpriseId), SEED_ACTOR, roundId, form)).id;
  const quotas = { [DEMO_DISTRICT]: 3, "120101": 2, "120111": 2 };
  const districtOf = (code: string): Actor => ({ ...district.actor, districtCode: code });

  // 1. A 先进级 round taken to 认定
  const done = await createRound(db, city.actor, city.audit, {
    name: `${year}年先进级智能工厂认定（第一批）`,
    programmeId: "smart-factory",
    levelId: "advanced",
    applyFrom: addDays(today, -90),
    applyTo: addDays(today, 10),
    quotas,
  });
  const doneApps: { id: string; code: string; rank: number }[] = [];
  for (const [i, e] of binhai.slice(0, 4).entries())
    doneApps.push({ id: await applyAs(done.id, e.id, FORM), code: DEMO_DISTRICT, rank: i + 1 });
  for (const [i, e] of heping.slice(0, 2).entries())
    doneApps.push({ id: await applyAs(done.id, e.id, FORM), code: "120101", rank: i + 1 });
  for (const a of doneApps) {
    const actor = a.code === DEMO_DISTRICT ? district.actor : districtOf(a.code);
    if (a.rank > 3)
      await applicationStep(db, actor, SEED_ACTOR, a.id, "return", {
        version: 1,
        note: "本区名额已满，下批次再报",
      });
    else await applicationStep(db, actor, SEED_ACTOR, a.id, "recommend", { version: 1, rank: a.rank });
  }
  let r = await roundStep(db, city.actor, city.audit, done.id, "close", done.version);
  for (const [i, a] of doneApps.filter((x) => x.rank <= 3).entries())
    await applicationStep(db, city.actor, city.audit, a.id, i === 2 ? "reject" : "approve", {
      version: 2,
      ...(i === 2 ? { reason: "现场核查发现典型场景尚未稳定运行" } : {}),
    });
  r = await roundStep(db, city.actor, city.audit, done.id, "publish", r.version);
  await db
    .update(certificationRounds)
    .set({ noticeFrom: addDays(today, -20), noticeTo: addDays(today, -16) })
    .where(eq(certificationRounds.id, done.id));
  await roundStep(db, city.actor, city.audit, done.id, "recognise", r.version);

  // 2. A 数字化车间 round in 公示, with an objection waiting for the city
  const notice = await createRound(db, city.actor, city.audit, {
    name: `${year}年市级数字化车间认定`,
    programmeId: "digital-workshop",
    levelId: "city",
    applyFrom: addDays(today, -60),
    applyTo: addDays(today, 5),
    quotas,
  });
  const noticeApps = [
    { id: await applyAs(notice.id, binhai[4]!.id, WORKSHOP_FORM), actor: district.actor },
    { id: await applyAs(notice.id, xiqing[0]!.id, WORKSHOP_FORM), actor: districtOf("120111") },
  ];
  for (const a of noticeApps)
    await applicationStep(db, a.actor, SEED_ACTOR, a.id, "recommend", { version: 1, rank: 1 });
  let n = await roundStep(db, city.actor, city.audit, notice.id, "close", notice.version);
  for (const a of noticeApps)
    await applicationStep(db, city.actor, city.audit, a.id, "approve", { version: 2 });
  n = await roundStep(db, city.actor, city.audit, notice.id, "publish", n.version);
  await lodgeObjection(db, null, SEED_ACTOR, {
    applicationId: noticeApps[0]!.id,
    name: "匿名群众",
    contact: "13700000000",
    content: "该企业数字化车间的设备联网率与申报材料不符，请核实。",
  });

  // 3. A second 先进级 round open for applications (two already applied; the demo enterprise may apply)
  const open = await createRound(db, city.actor, city.audit, {
    name: `${year}年先进级智能工厂认定（第二批）`,
    programmeId: "smart-factory",
    levelId: "advanced",
    applyFrom: addDays(today, -5),
    applyTo: addDays(today, 30),
    quotas,
  });
  await applyAs(open.id, binhai[5]!.id, FORM);
  await applyAs(open.id, xiqing[1]!.id, FORM);

  // 4. An imported 专精特新 claim (unverified) waiting for 滨海新区 to confirm it
  await db.insert(certifications).values({
    enterpriseId: binhai[6]!.id,
    programmeId: "specialised-sme",
    programmeVersion: "1",
    levelId: "srdi_sme",
    levelRank: 2,
    status: "valid",
    source: "claim",
    validFrom: addDays(today, -100),
    issuingBody: "企业自报（企业名录导入）",
    recordedBy: city.id,
  });

  await recordAudit(db, SEED_ACTOR, {
    action: MARKER,
    entityType: "certification_round",
    after: { rounds: 3 },
  });
  return { rounds: 3 };
}
