import type { Readable } from "node:stream";
import ExcelJS from "exceljs";

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk of sheet XML on its own, so a Chinese
 * character split across two chunks becomes U+FFFD (exceljs issues #2063, #2316; the fixes were
 * never merged). With Chinese data that silently corrupts a few rows per thousand. This subclass
 * feeds the worksheet and shared-string parsers through one streaming UTF-8 decoder instead.
 */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const c of chunks) {
    const s = typeof c === "string" ? c : decoder.decode(c, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

type ReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
};

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ExcelJS.stream.xlsx.WorkbookReader & ReaderInternals;

export class Utf8WorkbookReader extends Base {
  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(decodeUtf8(iterator), sheetNo);
  }

  override async *_parseSharedStrings(entry: Readable) {
    // A string-mode stream decodes with a StringDecoder that carries split characters over.
    entry.setEncoding("utf8");
    yield* super._parseSharedStrings(entry);
  }
}
