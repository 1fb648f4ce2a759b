import { Readable } from "node:stream";
import type { ReportItem, ReportUploadResult } from "@dxcenter/contracts";
import type { Database } from "@dxcenter/db";
import type ExcelJS from "exceljs";
import { AppError } from "../../errors";
import { tableWorkbook } from "../../lib/xlsx-export";
import { assertSafeXlsx, DEFAULT_XLSX_LIMITS, normalizedXlsxParts } from "../../lib/xlsx-guard";
import { Utf8WorkbookReader } from "../../lib/xlsx-reader";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { cellText } from "../enterprises/enterprise-excel";
import { findReport, ownTasks } from "./report.queries";
import { fillInTx } from "./report-steps";

/**
 * 填报模板: one row per task the caller may fill for the period (indicator name, 口径, unit, period,
 * scope, last period's approved value, value, note; the task number last, so a row finds its task), and
 * its upload: each row checked as on the form, the rows that pass saved (or submitted) in one
 * transaction each, every row reported back with its Chinese messages naming the row and the field.
 */

export const UPLOAD_MAX_BYTES = 1024 * 1024;
const MAX_ROWS = 500;

const COLUMNS = [
  { key: "indicator", header: "指标", width: 30 },
  { key: "definition", header: "口径", width: 50 },
  { key: "unit", header: "单位", width: 8 },
  { key: "period", header: "统计期", width: 10 },
  { key: "scope", header: "填报范围", width: 12 },
  { key: "due", header: "截止日期", width: 12 },
  { key: "last", header: "上期审核值", width: 12 },
  { key: "value", header: "填报值", width: 12 },
  { key: "note", header: "说明", width: 40 },
  { key: "task", header: "任务编号（请勿修改）", width: 38 },
] as const;
type Key = (typeof COLUMNS)[number]["key"];

export async function reportTemplate(tasks: readonly ReportItem[]): Promise<Buffer> {
  return tableWorkbook(
    "填报",
    COLUMNS.map((c) => ({ ...c })),
    tasks.map((t) => ({
      indicator: t.indicatorName,
      definition: t.definition,
      unit: t.unit,
      period: t.period,
      scope: t.scopeName,
      due: t.dueDate,
      last: t.lastValue,
      value: t.value,
      note: t.note,
      task: t.id,
    })),
  );
}

export const templateTasks = (db: Database, user: CurrentUser, period: string | undefined) =>
  ownTasks(db, user, period);

interface Line {
  row: number;
  cells: Partial<Record<Key, string>>;
}

/** The parts as a stream's chunks; an empty part would end the unzipper's input early (it hangs). */
function* parts(list: Buffer[]) {
  for (const p of list) if (p.length > 0) yield p;
}

async function readLines(data: Buffer): Promise<Line[]> {
  await assertSafeXlsx(data, { ...DEFAULT_XLSX_LIMITS, maxCells: (MAX_ROWS + 1) * 20 });
  const reader = new Utf8WorkbookReader(Readable.from(parts(normalizedXlsxParts(data))), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let header: Map<number, Key> | null = null;
  const lines: Line[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!header) {
        header = new Map();
        for (const [i, v] of values.entries()) {
          const c = COLUMNS.find((x) => x.header === v);
          if (c) header.set(i, c.key);
        }
        const have = new Set(header.values());
        const missing = (["task", "value", "note"] as const).filter((k) => !have.has(k));
        if (missing.length)
          throw new AppError(
            400,
            "INVALID_FILE",
            `表头缺少必填列：${missing.map((k) => COLUMNS.find((c) => c.key === k)!.header).join("、")}。请使用下载的填报模板`,
            "file",
          );
        continue;
      }
      if (values.every((v) => v === "")) continue;
      if (lines.length >= MAX_ROWS)
        throw new AppError(413, "TOO_MANY_ROWS", `单次上传最多 ${MAX_ROWS} 行`, "file");
      const cells: Partial<Record<Key, string>> = {};
      for (const [i, key] of header) cells[key] = values[i] ?? "";
      lines.push({ row: row.number, cells });
    }
    break;
  }
  if (!header) throw new AppError(400, "INVALID_FILE", "工作簿中没有数据表或表头", "file");
  return lines;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function uploadReports(
  db: Database,
  user: CurrentUser,
  actor: AuditActor,
  file: { filename: string; data: Buffer },
  submit: boolean,
): Promise<ReportUploadResult> {
  const lines = await readLines(file.data);
  const result: ReportUploadResult = { saved: 0, submitted: 0, skipped: 0, failed: 0, rows: [] };
  for (const { row, cells } of lines) {
    const where = `第${row}行`;
    const name = cells.indicator || null;
    const base = { row, indicatorName: name, period: cells.period || null };
    const taskId = cells.task ?? "";
    const rawValue = (cells.value ?? "").replace(/,/g, "");
    const note = cells.note?.trim() || null;
    if (!UUID.test(taskId)) {
      result.failed++;
      result.rows.push({
        ...base,
        outcome: "error",
        messages: [`${where}“任务编号”缺失或被修改，请使用下载的模板`],
      });
      continue;
    }
    if (rawValue === "" && !submit) {
      result.skipped++;
      result.rows.push({ ...base, outcome: "skipped", messages: [`${where}未填写“填报值”，已跳过`] });
      continue;
    }
    const value = rawValue === "" ? null : Number(rawValue);
    if (value !== null && !Number.isFinite(value)) {
      result.failed++;
      result.rows.push({
        ...base,
        outcome: "error",
        messages: [`${where}“填报值”应为数字（当前：${rawValue}）`],
      });
      continue;
    }
    try {
      await db.transaction(async (tx) => {
        const task = await findReport(tx, user, taskId, true);
        await fillInTx(tx, user, actor, task, { value, note, version: task.r.version }, submit);
      });
      if (submit) result.submitted++;
      else result.saved++;
      result.rows.push({ ...base, outcome: submit ? "submitted" : "saved", messages: [] });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      result.failed++;
      const field = e.field === "note" ? "说明" : e.field === "value" ? "填报值" : null;
      result.rows.push({
        ...base,
        outcome: "error",
        messages: [`${where}${field ? `“${field}”` : ""}：${e.message}`],
      });
    }
  }
  await recordAudit(db, actor, {
    action: "indicator_report.upload",
    entityType: "indicator_report",
    after: {
      filename: file.filename,
      submit,
      saved: result.saved,
      submitted: result.submitted,
      skipped: result.skipped,
      failed: result.failed,
    },
  });
  return result;
}
