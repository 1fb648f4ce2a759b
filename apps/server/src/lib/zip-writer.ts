import { crc32, deflateRawSync } from "node:zlib";

/**
 * A zip archive written entry by entry, so a batch of 2,000 reports never sits in memory or in one
 * database value: each file is deflated once when it is produced (deflateEntry) and stored as its
 * own row; the download then streams local headers + stored bytes and ends with the central
 * directory (zipStream). Names are UTF-8 (general-purpose flag bit 11), as Windows' and macOS'
 * archive tools read Chinese file names correctly that way.
 *
 * No ZIP64: an archive is refused above 65,535 entries or 4 GiB, far above the batch limits.
 */
export interface ZipEntry {
  name: string;
  /** CRC-32 of the uncompressed bytes. */
  crc32: number;
  /** Uncompressed size in bytes. */
  size: number;
  /** Raw DEFLATE stream (method 8). */
  data: Buffer;
}

const LIMIT = 0xffff_ffff;

export function deflateEntry(name: string, content: Buffer): ZipEntry {
  return { name, crc32: crc32(content), size: content.length, data: deflateRawSync(content, { level: 6 }) };
}

/** MS-DOS date and time fields of a wall-clock time (the archive shows it as local time). */
function dosDateTime(wall: Date): { date: number; time: number } {
  const y = Math.max(1980, wall.getUTCFullYear());
  return {
    date: ((y - 1980) << 9) | ((wall.getUTCMonth() + 1) << 5) | wall.getUTCDate(),
    time: (wall.getUTCHours() << 11) | (wall.getUTCMinutes() << 5) | Math.floor(wall.getUTCSeconds() / 2),
  };
}

export interface ZipMeta {
  name: string;
  crc32: number;
  size: number;
  compressedSize: number;
}

/** Exact archive size for these entries (for Content-Length, before any byte is read). */
export function zipSize(entries: readonly ZipMeta[]): number {
  let n = 22;
  for (const e of entries) n += 30 + 46 + 2 * Buffer.byteLength(e.name, "utf8") + e.compressedSize;
  return n;
}

function header(
  kind: "local" | "central",
  e: ZipMeta,
  nameBytes: Buffer,
  dt: ReturnType<typeof dosDateTime>,
  offset: number,
) {
  const local = kind === "local";
  const b = Buffer.alloc((local ? 30 : 46) + nameBytes.length);
  let p = 0;
  const u16 = (v: number) => {
    b.writeUInt16LE(v, p);
    p += 2;
  };
  const u32 = (v: number) => {
    b.writeUInt32LE(v >>> 0, p);
    p += 4;
  };
  u32(local ? 0x04034b50 : 0x02014b50);
  // "Made by" UNIX (3): Info-ZIP's unzip converts names from an OEM code page when the archive
  // says MS-DOS (0), even with the UTF-8 flag set; Windows and macOS read the flag either way.
  if (!local) u16((3 << 8) | 20);
  u16(20); // version needed to extract
  u16(0x0800); // UTF-8 names
  u16(8); // deflate
  u16(dt.time);
  u16(dt.date);
  u32(e.crc32);
  u32(e.compressedSize);
  u32(e.size);
  u16(nameBytes.length);
  u16(0); // extra field length
  if (!local) {
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0o100644 << 16); // external attributes: regular file, rw-r--r--
    u32(offset);
  }
  nameBytes.copy(b, p);
  return b;
}

/**
 * Streams the archive. `entries` lists the metadata in order; `read(from, to)` returns the entries'
 * compressed bytes for that index range, so the caller fetches them a few at a time.
 */
export async function* zipStream(
  entries: readonly ZipMeta[],
  read: (from: number, to: number) => Promise<Buffer[]>,
  opts: { modified: Date; batch?: number },
): AsyncGenerator<Buffer> {
  if (entries.length > 0xffff || zipSize(entries) > LIMIT)
    throw new Error("zip too large for a non-ZIP64 archive");
  const dt = dosDateTime(opts.modified);
  const names = entries.map((e) => Buffer.from(e.name, "utf8"));
  const offsets: number[] = [];
  let offset = 0;
  const batch = opts.batch ?? 16;
  for (let from = 0; from < entries.length; from += batch) {
    const to = Math.min(entries.length, from + batch);
    const chunks = await read(from, to);
    if (chunks.length !== to - from) throw new Error("zip entry data missing");
    for (let i = from; i < to; i++) {
      const e = entries[i]!;
      const data = chunks[i - from]!;
      if (data.length !== e.compressedSize) throw new Error(`zip entry ${i} has the wrong size`);
      offsets.push(offset);
      const h = header("local", e, names[i]!, dt, 0);
      yield h;
      yield data;
      offset += h.length + data.length;
    }
  }
  const cdStart = offset;
  let cdSize = 0;
  for (let i = 0; i < entries.length; i++) {
    const h = header("central", entries[i]!, names[i]!, dt, offsets[i]!);
    cdSize += h.length;
    yield h;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdStart, 16);
  yield end;
}
