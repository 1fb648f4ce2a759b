/**
 * The "一企一策" report as ONE self-contained HTML document: inline CSS, inline SVG charts, no
 * script, no external request (fonts come from the system: Noto Sans CJK SC on the server that
 * prints the PDF). Pure: the same data gives the same document, so the HTML page and the PDF
 * show exactly the same thing. Every piece of user text goes through `esc`.
 */
import {
  type ConditionStatus,
  type DimensionScore,
  type Improvement,
  type LevelImpact,
  levelLabel,
} from "@dxcenter/domain";
import { shanghaiMinute } from "../../lib/dates";
import { compareBarSvg, FONT_STACK, radarSvg, rateBarSvg, sceneBarSvg, scoreRate } from "./report-charts";
import type { ReportData } from "./report-model";

/** How many prioritised recommendations the report lists. */
export const TOP_IMPROVEMENTS = 10;

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
/** HTML-escapes text for element content and quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

const IMPACT: Record<LevelImpact, { label: string; cls: string }> = {
  raisesLevel: { label: "可提升等级", cls: "imp-up" },
  closesCondition: { label: "满足下一等级条件", cls: "imp-close" },
  reducesGap: { label: "缩小差距", cls: "imp-reduce" },
  none: { label: "对等级无直接影响", cls: "imp-none" },
};

const CSS = `
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.55; color: #1f1f1f; background: #f0f2f5; }
.doc { max-width: 210mm; margin: 16px auto; padding: 14mm 12mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.12); }
@media print { body { background: #fff; } .doc { margin: 0; padding: 0; max-width: none; box-shadow: none; } }
h1 { font-size: 20pt; font-weight: 700; margin: 0 0 4px; color: #10239e; letter-spacing: 1px; }
h2 { font-size: 13.5pt; font-weight: 700; margin: 22px 0 10px; padding: 4px 0 4px 10px; border-left: 4px solid #1658b8; background: #f0f5ff; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; font-weight: 700; margin: 12px 0 6px; break-after: avoid; }
.subtitle { color: #595959; margin-bottom: 14px; }
table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; }
th, td { border: 1px solid #d9d9d9; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f5ff; color: #262626; font-weight: 400; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.num, th.num { text-align: right; white-space: nowrap; }
.meta th { width: 22%; }
.summary { display: flex; gap: 12px; align-items: stretch; margin: 8px 0 4px; break-inside: avoid; }
.card { flex: 1; border: 1px solid #d6e4ff; background: #f7faff; border-radius: 6px; padding: 10px 12px; text-align: center; }
.card .label { color: #595959; font-size: 9.5pt; }
.card .value { font-size: 20pt; font-weight: 700; color: #10239e; line-height: 1.3; }
.card .value small { font-size: 11pt; color: #595959; font-weight: 400; }
.level { display: inline-block; padding: 0 14px; border-radius: 6px; background: #1658b8; color: #fff; }
.level.none { background: #8c8c8c; }
.lead { margin: 10px 0; }
.chart { text-align: center; break-inside: avoid; page-break-inside: avoid; margin: 6px 0; }
.chart svg { max-width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 14px; font-size: 9.5pt; color: #595959; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.cond { margin: 6px 0; padding: 6px 10px; border-radius: 4px; break-inside: avoid; }
.cond.met { background: #f6ffed; border: 1px solid #b7eb8f; }
.cond.unmet { background: #fff2f0; border: 1px solid #ffccc7; }
.cond .mark { margin-right: 6px; }
.cond .desc, .item { color: #10239e; }
/* Bold CJK text embeds a second font subset in the PDF: headings only. */
strong, b { font-weight: 400; }
.cond.met .mark { color: #389e0d; }
.cond.unmet .mark { color: #cf1322; }
.cond .msg { color: #595959; font-size: 9.5pt; }
.tag { display: inline-block; padding: 0 6px; margin: 2px 4px 2px 0; border-radius: 3px; font-size: 9pt; border: 1px solid #d9d9d9; background: #fafafa; white-space: nowrap; }
.tag.constrained { border-color: #ffbb96; background: #fff2e8; color: #d4380d; }
.imp-up { color: #fff; background: #389e0d; border-color: #389e0d; }
.imp-close { color: #fff; background: #1658b8; border-color: #1658b8; }
.imp-reduce { color: #08979c; background: #e6fffb; border-color: #87e8de; }
.imp-none { color: #8c8c8c; }
.action { color: #595959; font-size: 9.5pt; }
.ok { color: #389e0d; }
.missing { color: #cf1322; }
.muted { color: #8c8c8c; }
.small { font-size: 9pt; }
.conclusion { white-space: pre-wrap; border: 1px solid #d9d9d9; border-radius: 4px; padding: 8px 10px; background: #fafafa; }
.up { color: #389e0d; }
.down { color: #cf1322; }
.keep { break-inside: avoid; page-break-inside: avoid; }
table.compact { font-size: 9pt; }
.nowrap { white-space: nowrap; }
.footer-note { margin-top: 24px; padding-top: 8px; border-top: 1px solid #e8e8e8; color: #8c8c8c; font-size: 9pt; }
`;

function meta(d: ReportData): string {
  const rows: [string, string][] = [
    ["企业名称", d.enterprise.name],
    ["统一社会信用代码", d.enterprise.uscc],
    ["所属区", d.enterprise.districtName],
    ["所属行业", d.enterprise.industry],
    ["评估量表", `${d.instrument.name}（版本 ${d.instrument.version}）`],
    ["评估类型", d.kind === "onsite" ? "现场评定" : "企业自评估"],
    ["提交时间（北京时间）", shanghaiMinute(d.submittedAt)],
    ["报告生成时间（北京时间）", shanghaiMinute(d.generatedAt)],
  ];
  return `<table class="meta" data-section="meta"><tbody>${rows
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join("")}</tbody></table>`;
}

function summary(d: ReportData): string {
  const r = d.result;
  const gap = r.gapToNextLevel;
  const sentence = gap
    ? `本次评估得分 ${fmt(r.total)} / ${fmt(r.maxTotal)} 分，评定为“${r.levelName}”；距“${gap.targetName}”尚有 ${gap.failing.length} 项条件未满足，见“距下一等级的差距”部分。`
    : `本次评估得分 ${fmt(r.total)} / ${fmt(r.maxTotal)} 分，评定为“${r.levelName}”，已达到本量表的最高等级。`;
  const maturity =
    r.maturityScore !== undefined
      ? `<div class="card"><div class="label">成熟度得分</div><div class="value">${esc(r.maturityScore.toFixed(2))}</div></div>`
      : "";
  const rated = r.ratedLevelScores.length
    ? `<p class="small muted">各级要求得分：${r.ratedLevelScores
        .map((x) => `${esc(levelLabel(x.level))} ${esc(x.score.toFixed(2))}`)
        .join("；")}</p>`
    : "";
  return `<h2>§评估结论</h2>
<div class="summary" data-section="summary">
  <div class="card"><div class="label">评估等级</div><div class="value"><span class="level${r.level === 0 ? " none" : ""}" data-level="${r.level}">${esc(r.levelName)}</span></div></div>
  <div class="card"><div class="label">总分</div><div class="value">${esc(fmt(r.total))}<small> / ${esc(fmt(r.maxTotal))} 分</small></div></div>
  <div class="card"><div class="label">得分率</div><div class="value">${esc(scoreRate(r.total, r.maxTotal))}<small> %</small></div></div>
  ${maturity}
</div>
<p class="lead">${esc(sentence)}</p>${rated}`;
}

function dimensionSection(d: ReportData): string {
  const dims = d.result.dimensions;
  const rows = dims
    .map(
      (x: DimensionScore) =>
        `<tr><td>${esc(x.name)}</td><td class="num">${x.maxPoints > 0 ? esc(fmt(x.points)) : "—"}</td><td class="num">${x.maxPoints > 0 ? esc(fmt(x.maxPoints)) : "不计分"}</td><td class="num">${x.maxPoints > 0 ? `${esc(scoreRate(x.points, x.maxPoints))}%` : "—"}</td></tr>`,
    )
    .join("");
  return `<h2>§各维度得分</h2>
<div class="keep"><div class="chart" data-chart="radar">${radarSvg(dims, { seriesName: "得分率（%）" })}</div>
<table data-section="dimensions"><thead><tr><th>评估维度</th><th class="num">得分</th><th class="num">满分</th><th class="num">得分率</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function sceneOrPartsSection(d: ReportData): string {
  const r = d.result;
  if (r.scenes.length > 0) {
    const reached = r.scenes.filter((s) => s.level > 0).length;
    return `<h2>§场景等级</h2>
<p>共 ${r.scenes.length} 个场景，已达到一级及以上的 ${reached} 个；约束性场景 ${r.scenes.filter((s) => s.constrained).length} 个。</p>
<div class="legend"><span><i style="background:#d4380d"></i>约束性场景</span><span><i style="background:#1658b8"></i>指导性场景</span></div>
<div class="chart" data-chart="scenes">${sceneBarSvg(r.scenes)}</div>`;
  }
  // Instruments without scenes: the score of every sub-dimension (question group) instead.
  const parts = r.dimensions.flatMap((x) =>
    x.subDimensions.filter((s) => s.maxPoints > 0).map((s) => ({ ...s, name: `${x.name}·${s.name}` })),
  );
  return `<h2>§分项得分</h2>
<p class="small muted">本量表不设场景等级，以下为各分项（题组）的得分率及得分。</p>
<div class="chart" data-chart="parts">${rateBarSvg(parts)}</div>`;
}

function condition(c: ConditionStatus): string {
  const below =
    !c.met && c.scenesBelow?.length
      ? `<div class="small">未达要求的场景：${c.scenesBelow
          .map(
            (s) =>
              `<span class="tag${s.constrained ? " constrained" : ""}">${esc(s.name)}（${esc(s.level === 0 ? "未达一级" : levelLabel(s.level))}）</span>`,
          )
          .join("")}</div>`
      : "";
  return `<div class="cond ${c.met ? "met" : "unmet"}"><span class="mark">${c.met ? "✓ 已满足" : "✗ 未满足"}</span><span class="desc">${esc(c.description)}</span><div class="msg">${esc(c.message)}</div>${below}</div>`;
}

function gapSection(d: ReportData): string {
  const gap = d.result.gapToNextLevel;
  if (!gap)
    return `<h2>§距下一等级的差距</h2><p class="ok" data-section="gap">已达到本量表的最高等级“${esc(d.result.levelName)}”。</p>`;
  const shortPoints = gap.failing.filter((c) => c.unit === "分").reduce((s, c) => s + c.shortfall, 0);
  const shortScenes = gap.failing.filter((c) => c.unit === "个场景").reduce((s, c) => s + c.shortfall, 0);
  const facts = [
    `未满足条件 ${gap.failing.length} 项`,
    shortPoints > 0 ? `分数差距合计 ${fmt(shortPoints)} 分` : "",
    shortScenes > 0 ? `场景差距合计 ${shortScenes} 个` : "",
  ].filter(Boolean);
  return `<h2>§距下一等级的差距</h2>
<div data-section="gap"><h3>目标等级：${esc(gap.targetName)}（${esc(facts.join("，"))}）</h3>
${gap.conditions.map(condition).join("\n")}</div>`;
}

function improvementsSection(d: ReportData): string {
  const all = d.result.improvements;
  const top = all.slice(0, TOP_IMPROVEMENTS);
  if (top.length === 0)
    return `<h2>§改进建议（按优先级排序）</h2><p data-section="improvements">各题均已达到满分，暂无改进建议。</p>`;
  const levelName = (n: number) =>
    n === 0 ? "无等级" : (d.result.levels.find((l) => l.level === n)?.name ?? levelLabel(n));
  const rows = top
    .map((x: Improvement, i) => {
      const imp = IMPACT[x.levelImpact];
      const after =
        x.levelImpact === "raisesLevel"
          ? `<div class="small">完成后：${esc(levelName(x.levelAfter))}</div>`
          : "";
      const closes = x.closesConditions.map((c) => `<div class="small muted">${esc(c)}</div>`).join("");
      return `<tr><td class="num">${i + 1}</td><td><span class="item">${esc(x.questionId)} ${esc(x.title)}</span><div class="action">${esc(x.action)}</div></td><td><span class="tag ${imp.cls}">${esc(imp.label)}</span>${after}${closes}</td><td class="num">${x.pointsGained > 0 ? `+${esc(fmt(x.pointsGained))}` : "0"}</td><td class="num">${esc(fmt(x.effort))}</td></tr>`;
    })
    .join("");
  const more =
    all.length > top.length
      ? `共 ${all.length} 项改进事项，以下列出优先级最高的 ${top.length} 项。`
      : `共 ${all.length} 项改进事项。`;
  return `<h2>§改进建议（按优先级排序）</h2>
<p class="small muted">${esc(more)}排序依据：对等级的影响（可提升等级 › 满足下一等级条件 › 缩小差距），其次为单位工作量可增加的得分。</p>
<table data-section="improvements"><thead><tr><th class="num">序号</th><th>改进事项</th><th>对等级的影响</th><th class="num">可增加得分</th><th class="num">工作量</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function evidenceSection(d: ReportData): string {
  const list = d.evidence;
  if (list.length === 0)
    return `<h2>§佐证材料情况</h2><p data-section="evidence">本量表未要求提供佐证材料。</p>`;
  const withFiles = list.filter((e) => e.files.length > 0);
  const fileCount = withFiles.reduce((s, e) => s + e.files.length, 0);
  const rows = list
    .map((e) => {
      const status = e.files.length
        ? `<span class="ok nowrap">已上传 ${e.files.length} 个</span><div class="small">${e.files.map((f) => esc(f.filename)).join("<br>")}</div>`
        : `<span class="missing nowrap">未上传</span>`;
      return `<tr data-question="${esc(e.questionId)}"><td>${esc(e.questionId)}</td><td>${esc(e.title)}</td><td class="small">${e.required.map(esc).join("；")}</td><td>${status}</td></tr>`;
    })
    .join("");
  return `<h2>§佐证材料情况</h2>
<p data-section="evidence-summary">需提供佐证材料的题目 ${list.length} 道：已上传佐证 ${withFiles.length} 道（共 ${fileCount} 个文件），未上传 ${list.length - withFiles.length} 道。现场评定时将核验佐证材料。</p>
<table class="compact" data-section="evidence"><colgroup><col style="width:7%"><col style="width:35%"><col style="width:38%"><col style="width:20%"></colgroup><thead><tr><th>题号</th><th>题目</th><th>所需材料</th><th>状态</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function onsiteSection(d: ReportData): string {
  const o = d.onsite;
  if (!o) return "";
  const team = o.team.length
    ? `<table data-section="team"><thead><tr><th>姓名</th><th>单位</th><th>分工</th></tr></thead><tbody>${o.team
        .map(
          (m) =>
            `<tr><td>${esc(m.name)}</td><td>${esc(m.organization ?? "—")}</td><td>${m.lead ? "组长" : "成员"}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="muted">未登记诊断团队成员。</p>`;
  const conclusion = o.conclusion?.trim()
    ? `<h3>诊断意见</h3><div class="conclusion" data-section="conclusion">${esc(o.conclusion.trim())}</div>`
    : "";
  let compare = "";
  if (o.self) {
    const self = o.self;
    const byName = new Map(self.dimensions.map((x) => [x.name, x]));
    const dims = d.result.dimensions.filter((x) => x.maxPoints > 0);
    const delta = (a: number, b: number) => {
      const v = Math.round((b - a) * 1000) / 1000;
      if (v === 0) return `<span class="muted">0</span>`;
      return v > 0 ? `<span class="up">+${esc(fmt(v))}</span>` : `<span class="down">${esc(fmt(v))}</span>`;
    };
    const rows = dims
      .map((x) => {
        const s = byName.get(x.name);
        return `<tr><td>${esc(x.name)}</td><td class="num">${s ? esc(fmt(s.points)) : "—"}</td><td class="num">${esc(fmt(x.points))}</td><td class="num">${s ? delta(s.points, x.points) : "—"}</td><td class="num">${esc(fmt(x.maxPoints))}</td></tr>`;
      })
      .join("");
    const total = `<tr><th>总分</th><th class="num">${esc(fmt(self.total))}</th><th class="num">${esc(fmt(d.result.total))}</th><th class="num">${delta(self.total, d.result.total)}</th><th class="num">${esc(fmt(d.result.maxTotal))}</th></tr>
<tr><th>等级</th><th class="num">${esc(self.levelName)}</th><th class="num">${esc(d.result.levelName)}</th><th></th><th></th></tr>`;
    const chart = compareBarSvg(
      dims.map((x) => x.name),
      {
        name: "企业自评",
        rates: dims.map((x) => {
          const s = byName.get(x.name);
          return s ? scoreRate(s.points, s.maxPoints) : 0;
        }),
      },
      { name: "现场评定", rates: dims.map((x) => scoreRate(x.points, x.maxPoints)) },
    );
    compare = `<div class="keep"><h3>企业自评 vs 现场评定</h3>
<p class="small muted">企业自评提交于 ${esc(shanghaiMinute(self.submittedAt))}；差值为现场评定减企业自评。</p>
<div class="chart" data-chart="compare">${chart}</div>
<table data-section="compare"><thead><tr><th>评估维度</th><th class="num">企业自评</th><th class="num">现场评定</th><th class="num">差值</th><th class="num">满分</th></tr></thead><tbody>${rows}${total}</tbody></table></div>`;
  }
  return `<h2>§现场评定</h2>
<table class="meta keep" data-section="onsite"><tbody>
<tr><th>计划走访日期</th><td>${esc(o.visitDate ?? "未排期")}</td></tr>
<tr><th>实际走访时间（北京时间）</th><td>${esc(o.visitedAt ? shanghaiMinute(o.visitedAt) : "—")}</td></tr>
</tbody></table>
<h3>诊断团队</h3>
${team}
${conclusion}
${compare}`;
}

const CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Numbers the section headings (marked "<h2>§") in order: 一、二、三… */
function numberSections(sections: readonly string[]): string {
  let n = 0;
  return sections
    .filter(Boolean)
    .map((html) => html.replace(/<h2>§/g, () => `<h2>${CN_NUMBERS[n++] ?? String(n)}、`))
    .join("\n");
}

/** The whole report document. */
export function buildReportHtml(d: ReportData): string {
  const title = `“一企一策”数字化转型诊断报告 — ${d.enterprise.name}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main class="doc" data-assessment="${esc(d.assessmentId)}">
<h1>“一企一策”数字化转型诊断报告</h1>
<div class="subtitle">${esc(d.enterprise.name)} · ${esc(d.instrument.name)}</div>
${meta(d)}
${numberSections([
  summary(d),
  // An on-site report leads with the visit: who assessed, what they concluded, how it compares.
  d.onsite ? onsiteSection(d) : "",
  dimensionSection(d),
  sceneOrPartsSection(d),
  gapSection(d),
  improvementsSection(d),
  evidenceSection(d),
])}
<div class="footer-note">说明：本报告依据${d.kind === "onsite" ? "现场评定" : "企业自评估"}提交时的评分结果自动生成，得分、等级与改进建议按所用量表版本计算；提交后的评估结果不可修改。本报告由制造业数字化转型促进中心公共服务平台生成。</div>
</main>
</body>
</html>
`;
}
