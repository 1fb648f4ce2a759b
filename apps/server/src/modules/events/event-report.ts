import type { EventDetail } from "@dxcenter/contracts";
import type { Database } from "@dxcenter/db";
import { type Actor, EVENT_LEAD_STATUS_LABELS, EVENT_STATUS_LABELS } from "@dxcenter/domain";
import ExcelJS from "exceljs";
import { forbidden } from "../../errors";
import { addTableSheet, safeRow, shanghaiTime } from "../../lib/xlsx-export";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { getEvent } from "./event.service";

/** 活动报告: one workbook per event (概况, 报名与签到, 线索与转化), for the organisers, audited. */
export async function exportEventReport(db: Database, actor: Actor, auditActor: AuditActor, id: string) {
  const ev = await getEvent(db, actor, id);
  if (!ev.permissions.manage) throw forbidden("导出该活动报告");
  const buf = await reportWorkbook(ev);
  await recordAudit(db, auditActor, {
    action: "match_event.report_export",
    entityType: "match_event",
    entityId: ev.id,
    districtCode: ev.districtCode,
  });
  return { filename: `${ev.name}-活动报告.xlsx`, buf };
}

async function reportWorkbook(ev: EventDetail): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sum = addTableSheet(wb, "概况", [
    { header: "项目", key: "k", width: 20 },
    { header: "内容", key: "v", width: 48 },
  ]);
  const rate = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : "—");
  for (const [k, v] of [
    ["活动名称", ev.name],
    ["日期", ev.eventDate],
    ["所属区", ev.districtName],
    ["地点", ev.place],
    ["主办单位", ev.organiser],
    ["状态", EVENT_STATUS_LABELS[ev.status]],
    ["报名数", ev.registrations],
    ["签到数", ev.attended],
    ["签到率", rate(ev.attended, ev.registrations)],
    ["线索数", ev.leads],
    ["已转化", ev.converted],
    ["转化率", rate(ev.converted, ev.leads)],
  ] as const)
    sum.addRow(safeRow({ k, v }));
  const regs = addTableSheet(wb, "报名与签到", [
    { header: "名称", key: "name", width: 36 },
    { header: "类型", key: "kind", width: 10 },
    { header: "报名时间（北京时间）", key: "registeredAt", width: 20 },
    { header: "签到", key: "attended", width: 8 },
  ]);
  for (const r of ev.registrationList)
    regs.addRow(
      safeRow({
        name: r.name,
        kind: r.kind === "enterprise" ? "企业" : "服务商",
        registeredAt: shanghaiTime(r.registeredAt),
        attended: r.attended ? "已签到" : "未签到",
      }),
    );
  const leads = addTableSheet(wb, "线索与转化", [
    { header: "企业", key: "enterpriseName", width: 32 },
    { header: "服务商", key: "providerName", width: 32 },
    { header: "状态", key: "status", width: 10 },
    { header: "跟进日期", key: "followUpDate", width: 12 },
    { header: "结束时间", key: "closedAt", width: 20 },
    { header: "备注", key: "note", width: 40 },
  ]);
  for (const l of ev.leadList)
    leads.addRow(
      safeRow({
        ...l,
        status: EVENT_LEAD_STATUS_LABELS[l.status],
        closedAt: shanghaiTime(l.closedAt),
      }),
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
