import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { AppError } from "../../errors";
import { normalizedXlsxParts } from "../../lib/xlsx-guard";
import { Utf8WorkbookReader } from "../../lib/xlsx-reader";
import { type ColumnKey, cellText, mapHeader } from "./enterprise-excel";

/** An import's rows as they stream out of the upload, and the bounded log of their errors. */

export interface RowError {
  row: number;
  uscc: string;
  name: string;
  field: string;
  message: string;
}

/** Reads every row of the first worksheet, in order, as cell texts keyed by column. */
export async function* readRows(data: Buffer, maxRows: number, onBytes: (n: number) => void) {
  const input = Readable.from(chunks(normalizedXlsxParts(data), 256 * 1024, onBytes));
  const reader = new Utf8WorkbookReader(input, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let header: Map<number, ColumnKey> | null = null;
  let count = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!header) {
        const mapped = mapHeader(values);
        if ("missing" in mapped) {
          throw new AppError(
            400,
            "INVALID_FILE",
            `表头缺少必填列：${mapped.missing.join("、")}。请使用下载的模板`,
            "file",
          );
        }
        header = mapped;
        continue;
      }
      if (values.every((v) => v === "")) continue;
      count++;
      if (count > maxRows) {
        throw new AppError(413, "TOO_MANY_ROWS", `单次导入最多 ${maxRows} 行，请拆分文件后分批导入`, "file");
      }
      const cells: Partial<Record<ColumnKey, string>> = {};
      for (const [i, key] of header) cells[key] = values[i] ?? "";
      yield { row: row.number, cells };
    }
    break; // only the first worksheet holds data; the others are notes
  }
  if (!header) throw new AppError(400, "INVALID_FILE", "工作簿中没有数据表或表头", "file");
}

function* chunks(parts: Buffer[], size: number, onBytes: (n: number) => void) {
  let done = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += size) {
      const c = part.subarray(i, i + size);
      done += c.length;
      onBytes(done);
      yield c;
    }
  }
}

/** The row report keeps at most this many errors (the counts cover all of them). */
export const MAX_REPORT_ERRORS = 10_000;

/**
 * A copy of `s` that holds only its own characters. Strings cut out of the parser's text (trim,
 * slice) may be V8 "sliced strings" that keep the whole chunk of sheet XML they came from alive: a
 * set of 200,000 codes then held ~300 MB of XML.
 */
export const own = (s: string) => (s.length ? Buffer.from(s, "utf8").toString("utf8") : "");

/** Errors for the report and the job, bounded in number and in what each keeps of the row. */
export class ErrorLog {
  readonly kept: RowError[] = [];
  /** Spreadsheet rows with at least one error: not written. */
  readonly rows = new Set<number>();
  total = 0;

  add(e: RowError) {
    this.total++;
    this.rows.add(e.row);
    if (this.kept.length < MAX_REPORT_ERRORS) {
      this.kept.push({
        row: e.row,
        uscc: own(e.uscc.slice(0, 40)),
        name: own(e.name.slice(0, 100)),
        field: own(e.field.slice(0, 60)),
        message: own(e.message.slice(0, 300)),
      });
    }
  }
}
