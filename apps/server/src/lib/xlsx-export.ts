import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import { attachmentHeader } from "./file-transfer";

/** One column of a list export: its Chinese header, width, and how a list item shows in it. */
export interface ExportColumn<T> {
  readonly header: string;
  readonly width: number;
  readonly value: (item: T) => string | number | boolean | null | undefined;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Sets the xlsx type and a download name (RFC 5987, so Chinese names survive every browser). */
export function sendXlsx(reply: FastifyReply, filename: string) {
  return reply.type(XLSX_MIME).header("content-disposition", attachmentHeader(filename, "export.xlsx"));
}

/** Times are stored in UTC and shown in Asia/Shanghai: "2026-11-22 12:11:30"; "" when absent. */
export function shanghaiTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  return new Date(value).toLocaleString("sv-SE", { timeZone: "Asia/Shanghai" });
}

/**
 * Spreadsheet (formula) injection, OWASP's rule (issue 16 §8): a text cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is written with a leading `'`, so no spreadsheet program reads
 * it as a formula or DDE call. Numbers, booleans and dates are left as they are (a negative number is a
 * number, not text). Every exported or echoed cell goes through here: `safeRow` in the table writers
 * below and in the workbooks that add rows themselves.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export function neutraliseCell<V>(value: V): V | string {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The import side of `neutraliseCell`: text that an export neutralised (`'` + a formula character) is
 * read back as it was, so an exported list re-imports unchanged.
 */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** `row` with every text cell neutralised (an array row or a keyed row). */
export function safeRow(row: readonly unknown[]): unknown[];
export function safeRow(row: Record<string, unknown>): Record<string, unknown>;
export function safeRow(
  row: readonly unknown[] | Record<string, unknown>,
): unknown[] | Record<string, unknown> {
  if (Array.isArray(row)) return row.map(neutraliseCell);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = neutraliseCell(v);
  return out;
}

/** A new worksheet of `wb` with its columns and a bold header row (the row every table starts with). */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number }[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** A one-sheet workbook with a bold header row: the shape of every list export. */
export async function tableWorkbook(
  sheetName: string,
  columns: { header: string; key: string; width: number }[],
  rows: Iterable<Record<string, unknown>>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = addTableSheet(wb, sheetName, columns);
  for (const r of rows) ws.addRow(safeRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The same one-sheet workbook, written while the rows are read: each batch is committed to the zip as
 * it comes (no shared-strings table), so memory stays at one batch whatever the row count.
 */
export function streamTableWorkbook(
  sheetName: string,
  columns: { header: string; key: string; width: number }[],
  batches: AsyncIterable<Record<string, unknown>[]>,
): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  (async () => {
    for await (const rows of batches) for (const r of rows) ws.addRow(safeRow(r)).commit();
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
