import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { computeUsccCheckChar, USCC_ALPHABET } from "@dxcenter/domain";
import ExcelJS from "exceljs";
import { COLUMNS, type ColumnKey } from "../src/modules/enterprises/enterprise-excel";

/**
 * Builders for the spreadsheet tests: real workbooks written with exceljs, hand-built multipart
 * bodies, hand-built ZIP archives (for files that only pretend to be workbooks, and zip bombs), and a
 * reader that turns a downloaded workbook back into plain text rows.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const HEADERS: string[] = COLUMNS.map((c) => c.header);

export type RowValues = Partial<Record<ColumnKey, string | number>>;

/** One data row in template column order. */
export function templateRow(values: RowValues): (string | number)[] {
  return COLUMNS.map((c) => values[c.key] ?? "");
}

/** A workbook laid out like the import template: header row 1, then the given rows. */
export async function buildWorkbook(
  rows: RowValues[],
  opts: { headers?: string[]; sheetName?: string; imageBytes?: number } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? "企业信息");
  ws.addRow(opts.headers ?? HEADERS);
  for (const r of rows) ws.addRow(templateRow(r));
  if (opts.imageBytes) {
    // Random bytes do not compress, so the file really is this big.
    const id = wb.addImage({
      buffer: randomBytes(opts.imageBytes) as unknown as ExcelJS.Buffer,
      extension: "png",
    });
    ws.addImage(id, { tl: { col: 0, row: rows.length + 2 }, ext: { width: 10, height: 10 } });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Text of every row of a worksheet (first one by default), header included; trailing blanks trimmed. */
export async function readSheet(buf: Buffer, sheet?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no worksheet ${sheet ?? "#1"} in ${wb.worksheets.map((w) => w.name).join(",")}`);
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(text);
    while (values.length && values[values.length - 1] === "") values.pop();
    out.push(values);
  });
  return out;
}

export async function sheetNames(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((w) => w.name);
}

/** Rows of an export/template sheet as objects keyed by column key. */
export async function readEnterpriseSheet(buf: Buffer): Promise<{ header: string[]; rows: RowValues[] }> {
  const [header = [], ...data] = await readSheet(buf);
  const rows = data.map((values) => {
    const r: Record<string, string> = {};
    header.forEach((h, i) => {
      const col = COLUMNS.find((c) => c.header === h);
      if (col) r[col.key] = values[i] ?? "";
    });
    return r as RowValues;
  });
  return { header, rows };
}

function text(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && !(v instanceof Date)) {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return text(v.result as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
  }
  return String(v);
}

/** The same code with a wrong check character (a typo a user would make). */
export function withBadCheckChar(uscc: string): string {
  const right = computeUsccCheckChar(uscc.slice(0, 17));
  const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(right) + 1) % USCC_ALPHABET.length]!;
  return uscc.slice(0, 17) + wrong;
}

/** A multipart/form-data body with one file part (and optional text fields), built by hand. */
export function multipart(
  file: { filename: string; content: Buffer; contentType?: string; field?: string } | null,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----dxctest${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType ?? XLSX_MIME}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const payload = Buffer.concat(parts);
  return {
    payload,
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(payload.length),
    },
  };
}

export interface ZipEntry {
  name: string;
  /** Raw content, deflated (or stored) by zip(). */
  data?: Buffer;
  /** Already-deflated content with its true size and CRC (for bombs). */
  deflated?: { data: Buffer; size: number; crc: number };
  store?: boolean;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
  /**
   * Write CRC and sizes in a data descriptor after the data (zeros in the local header), as Excel
   * and exceljs do.
   */
  descriptor?: boolean;
}

/** A minimal ZIP writer (no ZIP64, no data descriptors), enough for workbooks and bombs. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    let data: Buffer;
    let size: number;
    let crc: number;
    let method: number;
    if (e.deflated) {
      ({ data, size, crc } = e.deflated);
      method = 8;
    } else {
      const raw = e.data ?? Buffer.alloc(0);
      size = raw.length;
      crc = zlib.crc32(raw);
      method = e.store ? 0 : 8;
      data = e.store ? raw : zlib.deflateRawSync(raw);
    }
    const declared = e.declaredSize ?? size;
    const flags = e.descriptor ? 0x0808 : 0x0800; // UTF-8 names (+ data descriptor)
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10); // time/date
    if (!e.descriptor) {
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(declared, 22);
    }
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);
    let descriptorLength = 0;
    if (e.descriptor) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc >>> 0, 4);
      dd.writeUInt32LE(data.length, 8);
      dd.writeUInt32LE(declared, 12);
      locals.push(dd);
      descriptorLength = dd.length;
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(0, 12);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + data.length + descriptorLength;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业信息" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** The parts every workbook has, so a bomb passes the structural checks and reaches the size checks. */
function workbookSkeleton(): ZipEntry[] {
  return [
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { name: "xl/workbook.xml", data: Buffer.from(WORKBOOK) },
    { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(WORKBOOK_RELS) },
  ];
}

/**
 * Deflate stream of `mib` MiB of zeros, built without ever holding them: one MiB is compressed with
 * a full flush (which ends on a byte boundary and resets the dictionary), so the same bytes can be
 * repeated, and a final empty block closes the stream.
 */
export function deflatedZeros(mib: number): { data: Buffer; size: number; crc: number } {
  const zero = Buffer.alloc(1024 * 1024);
  const block = zlib.deflateRawSync(zero, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const end = zlib.deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(zero, crc);
  return {
    data: Buffer.concat([...Array.from({ length: mib }, () => block), end]),
    size: mib * 1024 * 1024,
    crc,
  };
}

/**
 * A valid-looking .xlsx whose worksheet inflates to `mib` MiB of zeros. The headers may claim a small
 * size (`declaredSize`), as real bombs do, so only actually inflating reveals it.
 */
export function zipBomb(mib: number, declaredSize?: number): Buffer {
  return zip([
    ...workbookSkeleton(),
    {
      name: "xl/worksheets/sheet1.xml",
      deflated: deflatedZeros(mib),
      ...(declaredSize ? { declaredSize } : {}),
    },
  ]);
}

/** A ZIP that is not a workbook (e.g. a .docx or a zipped CSV renamed to .xlsx). */
export function plainZip(): Buffer {
  return zip([{ name: "data.csv", data: Buffer.from("统一社会信用代码,企业名称\n") }]);
}

/** The first bytes of a legacy .xls (OLE2 compound file). */
export function legacyXls(): Buffer {
  return Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), randomBytes(2048)]);
}

/**
 * A workbook whose shared-strings table inflates to `mib` MiB of 1,000-character strings that
 * compress about 100:1 (under the zip-bomb ratio, as real spreadsheets of repetitive text do),
 * built without holding them: one MiB is deflated with a full flush and repeated.
 */
export function sharedStringsBomb(mib: number): Buffer {
  const seed = randomBytes(6 * 1024).toString("base64"); // 8 KiB of incompressible text
  const si = (i: number) => `<si><t>${seed.slice(i % 7000, (i % 7000) + 1000).padEnd(1000, "x")}</t></si>`;
  let text = "";
  for (let i = 0; text.length < 1024 * 1024 - 1100; i++) text += si(i);
  const block = Buffer.from(text.padEnd(1024 * 1024, " "), "latin1");
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
  );
  const tail = Buffer.from("</sst>");
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const parts = [zlib.deflateRawSync(head, flush)];
  const deflatedBlock = zlib.deflateRawSync(block, flush);
  let crc = zlib.crc32(head);
  for (let i = 0; i < mib; i++) {
    parts.push(deflatedBlock);
    crc = zlib.crc32(block, crc);
  }
  parts.push(zlib.deflateRawSync(tail));
  crc = zlib.crc32(tail, crc);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`;
  return zip([
    ...workbookSkeleton(),
    { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet) },
    {
      name: "xl/sharedStrings.xml",
      deflated: {
        data: Buffer.concat(parts),
        size: head.length + mib * block.length + tail.length,
        crc,
      },
    },
  ]);
}

/**
 * `wb` rewritten as Excel writes a ZIP (data descriptors, worksheet before the workbook parts) with
 * a stored media file before the worksheet whose bytes contain the descriptor's signature
 * PK\x07\x08 — as deflated data sometimes does by chance. A streaming unzipper that looks for the
 * signature to find where an entry ends then loses its way.
 */
export async function withDescriptorSignature(wb: Buffer): Promise<Buffer> {
  const { default: JSZip } = await import("jszip");
  const z = await JSZip.loadAsync(wb);
  const names = Object.keys(z.files).filter((n) => !z.files[n]!.dir);
  const sheets = names.filter((n) => n.startsWith("xl/worksheets/"));
  const others = names.filter((n) => !n.startsWith("xl/worksheets/") && !n.startsWith("xl/"));
  const xl = names.filter((n) => n.startsWith("xl/") && !n.startsWith("xl/worksheets/"));
  const entries: ZipEntry[] = [];
  const junk = Buffer.concat([randomBytes(100), Buffer.from("PK\x07\x08", "latin1"), randomBytes(100)]);
  entries.push({ name: "xl/media/image9.bin", data: junk, store: true, descriptor: true });
  for (const n of [...others, ...sheets, ...xl]) {
    entries.push({ name: n, data: await z.file(n)!.async("nodebuffer"), descriptor: true });
  }
  return zip(entries);
}
