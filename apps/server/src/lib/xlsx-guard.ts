import { createInflateRaw } from "node:zlib";
import { AppError } from "../errors";

/**
 * Checks that an uploaded file is a plausible .xlsx before any parser touches it: a ZIP with the
 * parts every workbook has, no encryption, no exotic compression, and — measured by actually
 * inflating each entry while counting bytes, not by trusting the sizes the archive declares — a
 * bounded uncompressed size and compression ratio. That stops zip bombs and non-xlsx files with a
 * clear message and before anything is written.
 *
 * It also bounds what a streaming parser still has to hold or churn through: the shared-strings
 * table (kept whole in memory while the sheet is read, so its inflated bytes and string count are
 * limited) and the number of cells in the worksheets — counted while inflating, before any parser
 * runs. Those are refused with 413 and a message naming the limit.
 */
export interface XlsxLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Uncompressed/compressed ratio allowed for entries bigger than 1 MiB. */
  maxRatio: number;
  /** Inflated size of xl/sharedStrings.xml (the parser keeps the whole table in memory). */
  maxSharedStringsBytes: number;
  /** Number of strings (`<si>`) in the shared-strings table. */
  maxSharedStrings: number;
  /** Number of cells (`<c>`) in all worksheets together. */
  maxCells: number;
}

/**
 * A 200,000-row template export saved with a shared-strings table (as Excel/WPS do) has 29 MB of
 * shared strings, 0.78 million strings and 3.6 million cells: these leave about twice that room.
 */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxEntries: 2000,
  maxRatio: 200,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxSharedStrings: 1_500_000,
  maxCells: 8_000_000,
};

const tooComplex = (what: string) => new AppError(413, "TOO_LARGE", `${what}，请拆分文件后分批导入`, "file");

const fmt = (n: number) => n.toLocaleString("en-US");

const notXlsx = (why: string) =>
  new AppError(
    400,
    "INVALID_FILE",
    `文件不是有效的 Excel（.xlsx）工作簿：${why}。请使用下载的模板填写后上传`,
    "file",
  );

const bomb = () =>
  new AppError(400, "INVALID_FILE", "文件解压后体积异常（疑似压缩炸弹），已拒绝处理", "file");

interface Entry {
  name: string;
  crc: number;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function readCentralDirectory(buf: Buffer): Entry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx("不是 ZIP 格式");
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx("文件不完整或已损坏");
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw notXlsx("不支持 ZIP64 格式");
  if (cdOffset + cdSize > buf.length) throw notXlsx("文件不完整或已损坏");
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notXlsx("目录结构损坏");
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      crc: buf.readUInt32LE(p + 16),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString("utf8", p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(buf: Buffer, e: Entry): Buffer {
  const o = e.localOffset;
  if (o + 30 > buf.length || buf.readUInt32LE(o) !== 0x04034b50) throw notXlsx("条目头损坏");
  const start = o + 30 + buf.readUInt16LE(o + 26) + buf.readUInt16LE(o + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw notXlsx("文件不完整或已损坏");
  return buf.subarray(start, end);
}

/** Counts occurrences of any of `patterns` (same length) in a stream of chunks, across chunk borders. */
function tagCounter(patterns: string[]) {
  const pats = patterns.map((p) => Buffer.from(p, "latin1"));
  const len = pats[0]!.length;
  let carry = Buffer.alloc(0);
  let count = 0;
  return {
    get count() {
      return count;
    },
    feed(chunk: Buffer) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      for (const p of pats) {
        for (let i = buf.indexOf(p); i >= 0; i = buf.indexOf(p, i + len)) count++;
      }
      // The last len-1 bytes can't hold a whole match, so nothing is counted twice.
      carry = Buffer.from(buf.subarray(Math.max(0, buf.length - (len - 1))));
    },
  };
}

/**
 * Inflates without keeping the output, stopping as soon as `limit` bytes have come out, or
 * `stop` says so after a chunk.
 */
function inflatedSize(data: Buffer, limit: number, onChunk?: (chunk: Buffer) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    let done = false;
    inflate.on("data", (chunk: Buffer) => {
      if (done) return;
      total += chunk.length;
      if (total > limit || onChunk?.(chunk)) {
        done = true;
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on("end", () => resolve(total));
    inflate.on("error", () => reject(notXlsx("压缩数据损坏")));
    inflate.end(data);
  });
}

export async function assertSafeXlsx(buf: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<void> {
  const entries = readCentralDirectory(buf);
  if (entries.length > limits.maxEntries) throw notXlsx("包含的条目过多");
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) {
    throw notXlsx("缺少工作簿结构（可能是 .xls、.csv 或其他文件改了扩展名）");
  }
  let budget = limits.maxUncompressedBytes;
  const cells = tagCounter(["<c ", "<c>"]);
  for (const e of entries) {
    if (e.flags & 0x1) throw notXlsx("文件已加密，请取消密码保护后上传");
    if (e.method !== 0 && e.method !== 8) throw notXlsx("使用了不支持的压缩方式");
    const data = entryData(buf, e);
    const shared = e.name === "xl/sharedStrings.xml";
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
    const strings = shared ? tagCounter(["<si>", "<si "]) : null;
    const scan =
      strings || sheet
        ? (chunk: Buffer) => {
            if (strings) {
              strings.feed(chunk);
              return strings.count > limits.maxSharedStrings;
            }
            cells.feed(chunk);
            return cells.count > limits.maxCells;
          }
        : undefined;
    const limit = shared ? Math.min(budget, limits.maxSharedStringsBytes) : budget;
    const size = e.method === 0 ? data.length : await inflatedSize(data, limit, scan);
    if (e.method === 0) scan?.(data);
    if (shared && size > limits.maxSharedStringsBytes) {
      throw tooComplex(
        `工作簿的共享字符串表解压后超过 ${limits.maxSharedStringsBytes / 1024 / 1024} MB 上限`,
      );
    }
    if (strings && strings.count > limits.maxSharedStrings) {
      throw tooComplex(`工作簿的共享字符串超过 ${fmt(limits.maxSharedStrings)} 条上限`);
    }
    if (cells.count > limits.maxCells) {
      throw tooComplex(`工作表的单元格超过 ${fmt(limits.maxCells)} 个上限`);
    }
    if (size > budget) throw bomb();
    if (size > 1024 * 1024 && size / Math.max(1, data.length) > limits.maxRatio) throw bomb();
    budget -= size;
  }
}

/** Entries exceljs needs before a worksheet to stream it (otherwise it spools the sheet to a temp file). */
const FIRST = ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"];

/**
 * The workbook as a ZIP that a streaming unzipper reads safely, as a list of slices of `buf` (no
 * copy of the data): every local header carries the CRC and sizes from the central directory and
 * no data descriptor follows. Spreadsheet writers (Excel, exceljs) use data descriptors, and a
 * streaming unzipper then looks for the descriptor's signature to find an entry's end — which
 * deflated data may contain by chance (a generated 200,000-row workbook did: the import hung for
 * ever). The workbook parts come first, so the worksheet is parsed as it streams. Call after
 * assertSafeXlsx.
 */
export function normalizedXlsxParts(buf: Buffer): Buffer[] {
  const entries = readCentralDirectory(buf);
  const rank = (name: string) => {
    const i = FIRST.indexOf(name);
    return i < 0 ? FIRST.length : i;
  };
  const ordered = [...entries].sort((a, b) => rank(a.name) - rank(b.name));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    const data = entryData(buf, e);
    const crc = e.crc;
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((e.flags & ~0x8) | 0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE((e.flags & ~0x8) | 0x800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(e.uncompressedSize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(ordered.length, 8);
  eocd.writeUInt16LE(ordered.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  parts.push(cdBuf, eocd);
  return parts;
}
