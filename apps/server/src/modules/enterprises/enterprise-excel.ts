import { CreateEnterpriseRequest, FIELD_LABELS } from "@dxcenter/contracts";
import {
  ENTERPRISE_SIZE_LABELS,
  formatFenAsWanYuan,
  labelToKey,
  parseWanYuanToFen,
  SRDI_TIER_LABELS,
} from "@dxcenter/domain";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { type ExportColumn, restoreNeutralised, safeRow } from "../../lib/xlsx-export";

/**
 * One column layout for the import template, the export and the import parser, so an exported
 * list can be edited and imported back. Contacts are exported masked; the importer treats a masked
 * value (containing *) as "keep what is stored".
 */
export const COLUMNS = [
  { key: "uscc", header: "统一社会信用代码*", width: 22 },
  { key: "name", header: "企业名称*", width: 36 },
  { key: "district", header: "所属区*", width: 12 },
  { key: "industry", header: "所属行业（GB/T 4754 大类）*", width: 34 },
  { key: "aboveScale", header: "是否规上*", width: 10 },
  { key: "size", header: "企业规模*", width: 10 },
  { key: "srdiTier", header: "专精特新", width: 18 },
  { key: "contactName", header: "联系人", width: 10 },
  { key: "contactPhone", header: "联系电话", width: 16 },
  { key: "address", header: "地址", width: 36 },
  { key: "tags", header: "标签（以、分隔）", width: 24 },
  { key: "digitalRdTools", header: "数字化研发设计工具", width: 10 },
  { key: "keyProcessNcRate", header: "关键工序数控化率（%）", width: 12 },
  { key: "cloudAdopted", header: "是否上云", width: 10 },
  { key: "itfCertified", header: "两化融合贯标", width: 10 },
  { key: "dcmmLevel", header: "DCMM等级", width: 10 },
  { key: "cmmmLevel", header: "智能制造能力成熟度等级", width: 12 },
  { key: "year", header: "数据年度", width: 10 },
  { key: "revenueWan", header: "营业收入（万元）", width: 16 },
  { key: "employees", header: "从业人员（人）", width: 12 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]["key"];

export interface RefLookup {
  districtByName: Map<string, { code: string; status: string }>;
  districtCodes: Map<string, { name: string; status: string }>;
  industryByName: Map<string, string>;
  industryCodes: Map<string, string>;
}

export type ParsedRow =
  | {
      ok: true;
      value: z.output<typeof CreateEnterpriseRequest>;
      keepContactName: boolean;
      keepContactPhone: boolean;
    }
  | { ok: false; errors: { field: string; message: string }[] };

type Cell = ExcelJS.CellValue;

/** Turns any cell (rich text, formula result, hyperlink, number, date) into trimmed text. */
export function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return restoreNeutralised(v).trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText))
      return v.richText
        .map((t) => t.text)
        .join("")
        .trim();
    if ("result" in v) return cellText(v.result as Cell);
    if ("text" in v && typeof v.text === "string") return v.text.trim();
    if ("error" in v) return "";
  }
  return String(v).trim();
}

const YES = new Set(["是", "y", "yes", "true", "1", "√"]);
const NO = new Set(["否", "n", "no", "false", "0", "×"]);

/** Maps a header row to column keys; tolerant of a missing '*' or extra spaces. */
export function mapHeader(values: string[]): Map<number, ColumnKey> | { missing: string[] } {
  const norm = (s: string) => s.replace(/[*＊\s]/g, "");
  const map = new Map<number, ColumnKey>();
  values.forEach((v, i) => {
    const col = COLUMNS.find((c) => norm(c.header) === norm(v));
    if (col) map.set(i, col.key);
  });
  const found = new Set(map.values());
  const required: ColumnKey[] = ["uscc", "name", "district", "industry", "aboveScale", "size"];
  const missing = required.filter((k) => !found.has(k)).map((k) => COLUMNS.find((c) => c.key === k)!.header);
  return missing.length ? { missing } : map;
}

export function parseRow(cells: Partial<Record<ColumnKey, string>>, ref: RefLookup): ParsedRow {
  const errors: { field: string; message: string }[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  const get = (k: ColumnKey) => cells[k] ?? "";

  const bool = (k: ColumnKey, required: boolean): boolean | null => {
    const t = get(k).toLowerCase();
    if (t === "") {
      if (required) err(label(k), "不能为空（填“是”或“否”）");
      return null;
    }
    if (YES.has(t)) return true;
    if (NO.has(t)) return false;
    err(label(k), `应填“是”或“否”，实际为“${get(k)}”`);
    return null;
  };
  const int = (k: ColumnKey, min: number, max: number): number | null => {
    const t = get(k);
    if (t === "") return null;
    const n = Number(t);
    if (!Number.isInteger(n) || n < min || n > max) {
      err(label(k), `应为 ${min}–${max} 的整数，实际为“${t}”`);
      return null;
    }
    return n;
  };

  let districtCode = "";
  const d = get("district");
  if (!d) err(label("district"), "不能为空");
  else {
    const byName = ref.districtByName.get(d);
    const byCode = ref.districtCodes.get(d);
    const status = byName?.status ?? byCode?.status;
    districtCode = byName?.code ?? (byCode ? d : "");
    if (!districtCode) err(label("district"), `“${d}”不是本市的区`);
    else if (status !== "current") err(label("district"), `“${d}”已撤销，请填写现行行政区`);
  }

  let industryCode = "";
  const ind = get("industry");
  if (!ind) err(label("industry"), "不能为空");
  else {
    const m = /^C?(\d{2})\b/i.exec(ind);
    const code = m ? `C${m[1]}` : ref.industryByName.get(ind);
    if (code && ref.industryCodes.has(code)) industryCode = code;
    else err(label("industry"), `“${ind}”不是制造业大类（C13–C43）`);
  }

  const sizeText = get("size");
  const size = sizeText ? labelToKey(ENTERPRISE_SIZE_LABELS, sizeText) : undefined;
  if (!sizeText) err(label("size"), "不能为空（大型/中型/小型/微型）");
  else if (!size) err(label("size"), `应为大型、中型、小型或微型，实际为“${sizeText}”`);

  const tierText = get("srdiTier");
  const srdiTier = tierText ? labelToKey(SRDI_TIER_LABELS, tierText) : "none";
  if (!srdiTier) err(label("srdiTier"), `“${tierText}”不是有效的专精特新层级`);

  const rateText = get("keyProcessNcRate").replace(/%$/, "");
  let keyProcessNcRate: number | null = null;
  if (rateText) {
    const n = Number(rateText);
    if (!Number.isFinite(n) || n < 0 || n > 100)
      err(label("keyProcessNcRate"), `应为 0–100 的数，实际为“${rateText}”`);
    else keyProcessNcRate = Math.round(n * 100) / 100;
  }

  const year = int("year", 1949, new Date().getUTCFullYear() + 1);
  const employees = int("employees", 0, 10_000_000);
  const revText = get("revenueWan");
  let revenueFen: number | null = null;
  if (revText) {
    revenueFen = parseWanYuanToFen(revText);
    if (revenueFen === null || revenueFen < 0) {
      err(label("revenueWan"), `应为不小于0的金额（万元，最多6位小数），实际为“${revText}”`);
      revenueFen = null;
    }
  }
  if ((revText || get("employees")) && year === null && !errors.some((e) => e.field === label("year"))) {
    err(label("year"), "填写营业收入或从业人员时须填写数据年度");
  }

  const aboveScale = bool("aboveScale", true);
  const digitalRdTools = bool("digitalRdTools", false);
  const cloudAdopted = bool("cloudAdopted", false);
  const itfCertified = bool("itfCertified", false);
  const dcmmLevel = int("dcmmLevel", 1, 5);
  const cmmmLevel = int("cmmmLevel", 1, 5);

  const contactName = get("contactName");
  const contactPhone = get("contactPhone");
  const keepContactName = contactName.includes("*");
  const keepContactPhone = contactPhone.includes("*");

  const candidate = {
    uscc: get("uscc"),
    name: get("name"),
    districtCode: districtCode || "000000",
    industryCode: industryCode || "C00",
    aboveScale: aboveScale ?? false,
    size: size ?? "small",
    srdiTier: srdiTier ?? "none",
    contactName: keepContactName ? null : contactName,
    contactPhone: keepContactPhone ? null : contactPhone,
    address: get("address"),
    tags: get("tags")
      .split(/[、,，;；]/)
      .map((t) => t.trim())
      .filter(Boolean),
    digitalRdTools,
    keyProcessNcRate,
    cloudAdopted,
    itfCertified,
    dcmmLevel,
    cmmmLevel,
    annual:
      year !== null && (revenueFen !== null || employees !== null) ? [{ year, revenueFen, employees }] : [],
  };
  // The same schema as the API, so a row is accepted exactly when the form would accept it.
  const parsed = CreateEnterpriseRequest.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path.find((p) => typeof p === "string") ?? "");
      if (key === "districtCode" || key === "industryCode" || key === "size") continue; // reported above
      const field = key === "annual" ? label("revenueWan") : (FIELD_LABELS[key] ?? key);
      if (!errors.some((e) => e.field === field)) err(field, issue.message);
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data, keepContactName, keepContactPhone };
}

function label(k: ColumnKey): string {
  return COLUMNS.find((c) => c.key === k)!.header.replace(/\*$/, "");
}

function styleHeader(ws: ExcelJS.Worksheet) {
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
}

export async function buildTemplate(ref: { districts: string[]; industries: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "dxcenter";
  const ws = wb.addWorksheet("企业信息");
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeader(ws);
  ws.addRow({
    uscc: "91120116MA05JK3R2K（示例，请替换）",
    name: "天津示例智能装备有限公司",
    district: "滨海新区",
    industry: "C34 通用设备制造业",
    aboveScale: "是",
    size: "中型",
    srdiTier: "专精特新中小企业",
    contactName: "张三",
    contactPhone: "13800000000",
    address: "天津市滨海新区示例路1号",
    tags: "高新技术企业、数字化车间",
    digitalRdTools: "是",
    keyProcessNcRate: 65.5,
    cloudAdopted: "是",
    itfCertified: "否",
    dcmmLevel: 2,
    cmmmLevel: 2,
    year: 2025,
    revenueWan: 12345.67,
    employees: 320,
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const help = wb.addWorksheet("填写说明");
  help.columns = [{ width: 28 }, { width: 90 }];
  const notes: [string, string][] = [
    ["带 * 的列", "必填"],
    ["统一社会信用代码", "18位，按 GB 32100-2015 校验；同一代码再次导入将更新原记录（幂等）"],
    ["所属区", `填写区名或6位代码：${ref.districts.join("、")}`],
    ["所属行业", "填写大类代码（如 C26）或“C26 化学原料和化学制品制造业”，见“行业代码”表"],
    ["是否规上 / 是否上云 等", "填写“是”或“否”"],
    ["企业规模", "大型、中型、小型、微型"],
    ["专精特新", `${Object.values(SRDI_TIER_LABELS).join("、")}（可留空）`],
    ["营业收入", "单位万元，最多6位小数（精确到分）；与“数据年度”“从业人员”一起构成该年度经营数据"],
    ["联系人 / 联系电话", "含 * 的脱敏值（如从导出文件回填）表示保持系统中原值不变"],
    ["删除第2行示例", "示例行的代码不合法，导入时会被报告为错误行"],
  ];
  for (const n of notes) help.addRow(n);
  const codes = wb.addWorksheet("行业代码");
  codes.columns = [{ header: "行业（GB/T 4754-2017 制造业大类）", width: 50 }];
  for (const i of ref.industries) codes.addRow([i]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ExportRow {
  uscc: string;
  name: string;
  districtName: string;
  industryCode: string;
  industryName: string;
  aboveScale: boolean;
  size: string;
  srdiTier: string;
  contactName: string | null;
  contactPhone: string | null;
  tags: string[];
  latestYear: number | null;
  latestRevenueFen: number | null;
  latestEmployees: number | null;
  address: string | null;
  digitalRdTools: boolean | null;
  keyProcessNcRate: string | null;
  cloudAdopted: boolean | null;
  itfCertified: boolean | null;
  dcmmLevel: number | null;
  cmmmLevel: number | null;
}

const yesNo = (b: boolean | null) => (b === null ? "" : b ? "是" : "否");

/** What an exported row shows in each template column (contacts come in masked). */
const EXPORT_VALUES: Record<ColumnKey, ExportColumn<ExportRow>["value"]> = {
  uscc: (r) => r.uscc,
  name: (r) => r.name,
  district: (r) => r.districtName,
  industry: (r) => `${r.industryCode} ${r.industryName}`,
  aboveScale: (r) => (r.aboveScale ? "是" : "否"),
  size: (r) => ENTERPRISE_SIZE_LABELS[r.size as keyof typeof ENTERPRISE_SIZE_LABELS] ?? r.size,
  srdiTier: (r) =>
    r.srdiTier === "none" ? "" : (SRDI_TIER_LABELS[r.srdiTier as keyof typeof SRDI_TIER_LABELS] ?? ""),
  contactName: (r) => r.contactName ?? "",
  contactPhone: (r) => r.contactPhone ?? "",
  address: (r) => r.address ?? "",
  tags: (r) => r.tags.join("、"),
  year: (r) => r.latestYear ?? "",
  revenueWan: (r) =>
    r.latestRevenueFen === null ? "" : Number(formatFenAsWanYuan(r.latestRevenueFen, 6).replace(/,/g, "")),
  employees: (r) => r.latestEmployees ?? "",
  digitalRdTools: (r) => yesNo(r.digitalRdTools),
  keyProcessNcRate: (r) => (r.keyProcessNcRate === null ? "" : Number(r.keyProcessNcRate)),
  cloudAdopted: (r) => yesNo(r.cloudAdopted),
  itfCertified: (r) => yesNo(r.itfCertified),
  dcmmLevel: (r) => r.dcmmLevel ?? "",
  cmmmLevel: (r) => r.cmmmLevel ?? "",
};

/** The export in the template layout, so an exported list can be edited and imported back. */
export const EXPORT_COLUMNS: ExportColumn<ExportRow>[] = COLUMNS.map((c) => ({
  header: c.header,
  width: c.width,
  value: EXPORT_VALUES[c.key],
}));

export async function buildReport(
  errors: { row: number; uscc: string; name: string; field: string; message: string }[],
  summary: {
    filename: string;
    rowsRead: number;
    created: number;
    updated: number;
    unchanged: number;
    rejected: number;
    /** All errors found; the list may hold fewer (the report is capped). */
    errors?: number;
  },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet("导入结果");
  s.columns = [{ width: 20 }, { width: 40 }];
  s.addRows([
    ["文件", summary.filename],
    ["读取数据行", summary.rowsRead],
    ["新增", summary.created],
    ["更新", summary.updated],
    ["无变化", summary.unchanged],
    ["错误（未导入）", summary.rejected],
  ]);
  if (summary.errors !== undefined && summary.errors > errors.length) {
    s.addRow([
      "错误明细",
      `共 ${summary.errors} 条，本报告列出前 ${errors.length} 条（请先修正这些行后重新导入）`,
    ]);
  }
  const ws = wb.addWorksheet("错误明细");
  ws.columns = [
    { header: "行号", key: "row", width: 8 },
    { header: "统一社会信用代码", key: "uscc", width: 22 },
    { header: "企业名称", key: "name", width: 36 },
    { header: "字段", key: "field", width: 22 },
    { header: "错误原因", key: "message", width: 70 },
  ];
  styleHeader(ws);
  for (const e of errors) ws.addRow(safeRow(e));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
