import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { deflateEntry, zipSize, zipStream } from "../src/lib/zip-writer";

async function build(files: { name: string; content: Buffer }[], batch = 3) {
  const entries = files.map((f) => deflateEntry(f.name, f.content));
  const meta = entries.map((e) => ({
    name: e.name,
    crc32: e.crc32,
    size: e.size,
    compressedSize: e.data.length,
  }));
  const reads: [number, number][] = [];
  const chunks: Buffer[] = [];
  for await (const c of zipStream(
    meta,
    async (from, to) => {
      reads.push([from, to]);
      return entries.slice(from, to).map((e) => e.data);
    },
    { modified: new Date("2026-12-01T09:30:00Z"), batch },
  ))
    chunks.push(c);
  return { zip: Buffer.concat(chunks), size: zipSize(meta), reads };
}

describe("streamed zip writer (batch report export)", () => {
  const files = [
    {
      name: "滨海新区/天津甲智能装备有限公司-91120116MA05XXXX1X.pdf",
      content: Buffer.from("%PDF-1.7 甲".repeat(500)),
    },
    { name: "和平区/乙公司.pdf", content: Buffer.alloc(0) },
    ...Array.from({ length: 7 }, (_, i) => ({
      name: `河东区/企业${i}.pdf`,
      content: Buffer.from(Array.from({ length: 3000 + i }, (_, k) => (k * 31 + i) % 251)),
    })),
  ];

  it("writes an archive that standard readers open, with Chinese names and exact contents", async () => {
    const { zip, size, reads } = await build(files);
    expect(zip.length).toBe(size); // Content-Length is known before the first byte
    expect(reads).toEqual([
      [0, 3],
      [3, 6],
      [6, 9],
    ]);
    const read = await JSZip.loadAsync(zip);
    const names = Object.values(read.files).map((f) => f.name);
    expect(names).toEqual(files.map((f) => f.name));
    for (const f of files) expect(await read.file(f.name)!.async("nodebuffer")).toEqual(f.content);
    expect(read.file(files[0]!.name)!.date.toISOString()).toBe("2026-12-01T09:30:00.000Z");
  });

  it("passes Info-ZIP's integrity test and listing (unzip -t, -Z1)", async () => {
    const { zip } = await build(files);
    const path = join(mkdtempSync(join(tmpdir(), "dxc-zip-")), "t.zip");
    writeFileSync(path, zip);
    expect(execFileSync("unzip", ["-t", path], { encoding: "utf8" })).toContain("No errors detected");
    // Info-ZIP lists the Chinese names as written (it re-codes names of archives "made by" MS-DOS).
    const listed = execFileSync("unzip", ["-Z1", path], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(files.map((f) => f.name));
  });

  it("an empty archive is valid too", async () => {
    const { zip } = await build([]);
    expect(zip.length).toBe(22);
    expect(Object.keys((await JSZip.loadAsync(zip)).files)).toEqual([]);
  });

  it("refuses data that does not match the metadata instead of writing a corrupt archive", async () => {
    const e = deflateEntry("a.pdf", Buffer.from("abc"));
    const gen = zipStream(
      [{ name: e.name, crc32: e.crc32, size: e.size, compressedSize: e.data.length + 1 }],
      async () => [e.data],
      {
        modified: new Date(),
      },
    );
    await expect(async () => {
      for await (const _ of gen) void _;
    }).rejects.toThrow(/wrong size/);
  });
});
