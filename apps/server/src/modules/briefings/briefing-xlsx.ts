import { FREQUENCY_LABELS, TRAJECTORY_STATUS_LABELS, UNKNOWN_REASON_LABELS } from "@dxcenter/domain";
import ExcelJS from "exceljs";
import { addTableSheet, safeRow } from "../../lib/xlsx-export";
import type { BriefingData } from "./briefing-model";
import { WARNING_LEVEL_LABELS } from "./briefing-warnings";

/** The briefing's figures as a workbook (one sheet per section), made from the same model as the PDF. */
export async function briefingWorkbook(d: BriefingData, version: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, columns: { header: string; width: number }[]) => {
    const ws = addTableSheet(
      wb,
      name,
      columns.map((c, i) => ({ ...c, key: `c${i}` })),
    );
    return (cells: (string | number | null)[]) => ws.addRow(safeRow(cells.map((c) => c ?? "")));
  };

  const kpi = sheet("主要指标", [
    { header: "指标", width: 34 },
    { header: "频度", width: 8 },
    { header: "责任单位", width: 20 },
    { header: "统计期", width: 10 },
    { header: "本期值", width: 14 },
    { header: "单位", width: 8 },
    { header: "应达值", width: 14 },
    { header: "目标值", width: 12 },
    { header: "目标年份", width: 10 },
    { header: "状态", width: 10 },
    { header: "上期", width: 10 },
    { header: "上期值", width: 14 },
    { header: "较上期", width: 14 },
    { header: "较上期（%）", width: 12 },
    { header: "快照版本", width: 10 },
  ]);
  for (const k of d.kpis)
    kpi([
      k.name,
      FREQUENCY_LABELS[k.frequency],
      k.owner,
      k.period,
      k.value,
      k.unit,
      k.expected,
      k.target?.value ?? "待设定",
      k.target?.year ?? null,
      k.status === "unknown" && k.unknownReason
        ? UNKNOWN_REASON_LABELS[k.unknownReason]
        : TRAJECTORY_STATUS_LABELS[k.status],
      k.previousPeriod,
      k.previous,
      k.change,
      k.relative === null ? null : Math.round(k.relative * 10000) / 100,
      k.snapshotVersion,
    ]);

  const trend = sheet("走势", [
    { header: "指标", width: 34 },
    { header: "月份", width: 10 },
    { header: "全市", width: 14 },
    { header: "目标路径", width: 14 },
  ]);
  for (const t of d.trends) for (const p of t.points) trend([t.name, p.period, p.value, p.expected]);

  const ranking = sheet("各区排名", [
    { header: "名次", width: 8 },
    { header: "区", width: 14 },
    ...d.ranking.indicators.flatMap((i) => [
      { header: `${i.name}（${i.unit}）`, width: 20 },
      { header: `${i.name}名次`, width: 12 },
    ]),
    { header: "达标项", width: 8 },
  ]);
  for (const r of d.ranking.rows)
    ranking([r.position, r.name, ...r.cells.flatMap((c) => [c.value, c.rank]), r.onTrack]);

  const hl = sheet("亮点", [
    { header: "类别", width: 10 },
    { header: "指标", width: 34 },
    { header: "上期值", width: 14 },
    { header: "本期值", width: 14 },
    { header: "状态变化", width: 16 },
  ]);
  for (const [kind, list] of [
    ["改善", d.highlights.improvements],
    ["下滑", d.highlights.slips],
  ] as const)
    for (const h of list)
      hl([
        kind,
        h.name,
        h.previous,
        h.current,
        h.reason === "status"
          ? `${TRAJECTORY_STATUS_LABELS[h.statusFrom]}→${TRAJECTORY_STATUS_LABELS[h.statusTo]}`
          : null,
      ]);

  const w = d.warnings;
  const warn = sheet("预警", [
    { header: "项目", width: 24 },
    { header: "数值", width: 40 },
  ]);
  if (!w.enabled) warn(["预警模块", "预警模块未启用"]);
  else {
    for (const l of ["red", "orange", "yellow"] as const)
      warn([`本月新发${WARNING_LEVEL_LABELS[l]}预警`, w.raised[l]]);
    warn(["待认领", w.handling.open]);
    warn(["处置中", w.handling.acknowledged]);
    warn(["已处置", w.handling.handled]);
    warn(["已关闭", w.handling.closed]);
  }

  const about = sheet("说明", [
    { header: "项目", width: 16 },
    { header: "内容", width: 60 },
  ]);
  about(["标题", d.title]);
  about(["统计月份", d.period]);
  about(["版本", version]);
  about(["对比期", d.previousPeriod]);
  about(["数据来源", `监测指标快照 ${d.snapshotsUsed} 个（关账存档，非实时数据）`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
