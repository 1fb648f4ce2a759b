/**
 * The monthly briefing as ONE self-contained HTML document (inline CSS and SVG, no script, no
 * request), like the "一企一策" report: the page preview and the PDF are the same document. Pure.
 */
import {
  FREQUENCY_LABELS,
  TRAJECTORY_STATUS_LABELS,
  type TrajectoryStatus,
  UNKNOWN_REASON_LABELS,
} from "@dxcenter/domain";
import { shanghaiMinute } from "../../lib/dates";
import { FONT_STACK } from "../reports/report-charts";
import { esc } from "../reports/report-html";
import { districtBarSvg, trendSvg } from "./briefing-charts";
import type { BriefingData, KpiRow } from "./briefing-model";
import { WARNING_LEVEL_LABELS, type WarningLevel } from "./briefing-warnings";

const CSS = `
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 10pt; line-height: 1.5; color: #1f1f1f; background: #fff; }
.doc { max-width: 210mm; margin: 0 auto; padding: 8mm 6mm; }
@media print { .doc { padding: 0; max-width: none; } }
h1 { font-size: 18pt; font-weight: 400; margin: 0 0 4px; color: #a8071a; text-align: center; letter-spacing: 2px; }
.subtitle { text-align: center; color: #595959; margin-bottom: 6px; }
.rule { border: 0; border-top: 2px solid #a8071a; margin: 6px 0 14px; }
h2 { font-size: 12.5pt; font-weight: 400; margin: 18px 0 8px; padding: 3px 0 3px 10px; border-left: 4px solid #1658b8; background: #f0f5ff; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 10px; font-size: 9pt; }
th, td { border: 1px solid #d9d9d9; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #f0f5ff; font-weight: 400; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.name { white-space: nowrap; }
td .note { white-space: nowrap; }
.s-on_track { color: #389e0d; } .s-behind { color: #d48806; } .s-alert { color: #cf1322; } .s-unknown { color: #8c8c8c; }
.up { color: #389e0d; } .down { color: #cf1322; }
.charts { display: flex; flex-wrap: wrap; gap: 6px; justify-content: space-between; }
.chart { break-inside: avoid; page-break-inside: avoid; text-align: center; }
.chart svg { max-width: 100%; height: auto; }
.note { color: #595959; font-size: 9pt; }
.off { padding: 8px 12px; border: 1px dashed #bfbfbf; color: #595959; background: #fafafa; }
ul { margin: 4px 0 8px 18px; padding: 0; }
`;

function fmt(v: number | null, decimals: number): string {
  if (v === null) return "—";
  return v.toLocaleString("zh-CN", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A value with its unit; a missing value is a dash alone. */
const withUnit = (v: number | null, decimals: number, unit: string) =>
  v === null ? "—" : `${esc(fmt(v, decimals))} ${esc(unit)}`;

function statusCell(status: TrajectoryStatus, reason: KpiRow["unknownReason"]): string {
  const label =
    status === "unknown" && reason ? UNKNOWN_REASON_LABELS[reason] : TRAJECTORY_STATUS_LABELS[status];
  return `<span class="s-${status}">${esc(label)}</span>`;
}

function changeCell(k: Pick<KpiRow, "change" | "relative" | "better" | "decimals">): string {
  if (k.change === null) return "—";
  const sign = k.change > 0 ? "+" : "";
  const rel = k.relative === null ? "" : `（${sign}${(k.relative * 100).toFixed(1)}%）`;
  const cls = k.better === 1 ? "up" : k.better === -1 ? "down" : "";
  return `<span class="${cls}">${sign}${esc(fmt(k.change, k.decimals))}${esc(rel)}</span>`;
}

function kpiSection(d: BriefingData): string {
  const counts = { on_track: 0, behind: 0, alert: 0, unknown: 0 };
  for (const k of d.kpis) counts[k.status]++;
  const rows = d.kpis
    .map(
      (k) => `<tr>
  <td>${esc(k.name)}<div class="note">${esc(FREQUENCY_LABELS[k.frequency])} · ${esc(k.owner)}</div></td>
  <td>${esc(k.period)}</td>
  <td class="num">${withUnit(k.value, k.decimals, k.unit)}</td>
  <td class="num">${esc(fmt(k.expected, k.decimals))}</td>
  <td class="num">${k.target && k.target.value !== null ? `${esc(fmt(k.target.value, k.decimals))}（${k.target.year}）` : "待设定"}</td>
  <td>${statusCell(k.status, k.unknownReason)}</td>
  <td class="num">${changeCell(k)}</td>
</tr>`,
    )
    .join("\n");
  return `<h2>一、主要指标完成情况</h2>
<p>本期共监测 ${d.kpis.length} 项指标：达标 ${counts.on_track} 项，滞后 ${counts.behind} 项，预警 ${counts.alert} 项，未评价 ${counts.unknown} 项。数值均取自各统计期关账时存储的快照（含更正版本），不使用实时数据。</p>
<table>
<thead><tr><th>指标</th><th>统计期</th><th class="num">本期值</th><th class="num">应达值</th><th class="num">目标</th><th>状态</th><th class="num">较上期</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function highlightsSection(d: BriefingData): string {
  const item = (h: BriefingData["highlights"]["improvements"][number]) => {
    const k = d.kpis.find((x) => x.indicatorId === h.indicatorId);
    const decimals = k?.decimals ?? 2;
    const unit = k?.unit ?? "";
    const moved =
      h.reason === "status"
        ? `，状态由“${TRAJECTORY_STATUS_LABELS[h.statusFrom]}”变为“${TRAJECTORY_STATUS_LABELS[h.statusTo]}”`
        : "";
    return `<li>${esc(h.name)}：由 ${withUnit(h.previous, decimals, unit)} 变为 ${withUnit(h.current, decimals, unit)}${esc(moved)}</li>`;
  };
  const list = (xs: BriefingData["highlights"]["improvements"]) =>
    xs.length ? `<ul>${xs.map(item).join("")}</ul>` : `<p class="note">本期无。</p>`;
  return `<h2>二、本期亮点与需关注事项</h2>
<p>较上期改善最多：</p>${list(d.highlights.improvements)}
<p>较上期下滑或状态转差：</p>${list(d.highlights.slips)}`;
}

function trendSection(d: BriefingData): string {
  if (d.trends.length === 0) return "";
  return `<h2>三、重点指标走势（近12个月，全市）</h2>
<div class="charts">${d.trends.map((t) => `<div class="chart">${trendSvg(t)}</div>`).join("")}</div>`;
}

function rankingSection(d: BriefingData): string {
  const r = d.ranking;
  if (r.indicators.length === 0) return "";
  const head = r.indicators.map((i) => `<th class="num">${esc(i.name)}（${esc(i.unit)}）</th>`).join("");
  const rows = r.rows
    .map(
      (x) =>
        `<tr><td class="num">${x.position ?? "—"}</td><td class="name">${esc(x.name)}</td>${x.cells
          .map(
            (c, i) =>
              `<td class="num">${esc(fmt(c.value, r.indicators[i]?.decimals ?? 1))}${c.rank === null ? "" : `<div class="note">第${c.rank}名 · <span class="s-${c.status}">${esc(TRAJECTORY_STATUS_LABELS[c.status])}</span></div>`}</td>`,
          )
          .join("")}<td class="num">${x.onTrack}</td></tr>`,
    )
    .join("\n");
  const bar = districtBarSvg(r);
  return `<h2>四、各区排名</h2>
<p class="note">按 ${r.indicators.length} 项分区考核指标的平均名次排列（名次相同并列）；“达标项”为按目标路径达标的指标数。</p>
<table><thead><tr><th class="num">名次</th><th>区</th>${head}<th class="num">达标项</th></tr></thead><tbody>
${rows}
</tbody></table>
${bar ? `<div class="chart">${bar}</div>` : ""}`;
}

function warningsSection(d: BriefingData): string {
  const w = d.warnings;
  if (!w.enabled)
    return `<h2>五、预警及处置情况</h2><div class="off">预警模块未启用，本期简报不含预警统计。</div>`;
  const levels: WarningLevel[] = ["red", "orange", "yellow"];
  const open = w.open.length
    ? `<table><thead><tr><th>级别</th><th>预警</th><th>责任单位</th><th>发生时间</th><th>处置状态</th></tr></thead><tbody>${w.open
        .map(
          (o) =>
            `<tr><td>${esc(WARNING_LEVEL_LABELS[o.level])}</td><td>${esc(o.title)}</td><td>${esc(o.owner)}</td><td>${esc(shanghaiMinute(new Date(o.openedAt)))}</td><td>${esc(o.state)}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="note">月末无未关闭的预警。</p>`;
  return `<h2>五、预警及处置情况</h2>
<p>本月新发预警：${levels.map((l) => `${WARNING_LEVEL_LABELS[l]} ${w.raised[l]} 条`).join("，")}。处置情况：待认领 ${w.handling.open} 条，处置中 ${w.handling.acknowledged} 条，已处置 ${w.handling.handled} 条，已关闭 ${w.handling.closed} 条。</p>
${open}`;
}

export interface BriefingIssue {
  version: number;
  generatedAt: Date;
}

export function buildBriefingHtml(d: BriefingData, issue: BriefingIssue): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(d.title)}（${esc(d.period)}，第${issue.version}版）</title>
<style>${CSS}</style>
</head>
<body>
<div class="doc">
<h1>${esc(d.title)}</h1>
<div class="subtitle">统计月份 ${esc(d.period)} · 第 ${issue.version} 版 · 生成于 ${esc(shanghaiMinute(issue.generatedAt))}（北京时间）</div>
<hr class="rule">
${kpiSection(d)}
${highlightsSection(d)}
${trendSection(d)}
${rankingSection(d)}
${warningsSection(d)}
<p class="note">数据来源：监测指标快照 ${d.snapshotsUsed} 个${d.latestClosedAt ? `，最近关账于 ${esc(shanghaiMinute(new Date(d.latestClosedAt)))}` : ""}。对比期：${esc(d.previousPeriod)}。</p>
</div>
</body>
</html>`;
}
