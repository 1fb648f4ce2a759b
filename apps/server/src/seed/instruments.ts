import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InstrumentDefinition } from "@dxcenter/contracts";
import { type Database, instruments } from "@dxcenter/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../modules/audit/audit.service";

export const DEFAULT_INSTRUMENTS_DIR = resolve(
  fileURLToPath(new URL("../../../../packages/db/instruments", import.meta.url)),
);

/** Raised at start when an instrument file is wrong; the message names the file and the field. */
export class InstrumentFileError extends Error {}

export interface LoadedInstrument {
  file: string;
  definition: InstrumentDefinition;
  checksum: string;
}

/** Reads and validates every *.json in the folder (schema + semantic rules of the domain). */
export function readInstrumentFiles(dir: string): LoadedInstrument[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const out: LoadedInstrument[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch (e) {
      throw new InstrumentFileError(`量表文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
    }
    const parsed = InstrumentDefinition.safeParse(raw);
    if (!parsed.success) {
      const lines = parsed.error.issues
        .slice(0, 10)
        .map((i) => `  ${i.path.join(".") || "（根）"}：${i.message}`);
      throw new InstrumentFileError(`量表文件 ${file} 校验未通过：\n${lines.join("\n")}`);
    }
    const key = `${parsed.data.id}@${parsed.data.version}`;
    const other = seen.get(key);
    if (other) throw new InstrumentFileError(`量表 ${key} 同时出现在 ${other} 和 ${file} 中`);
    seen.set(key, file);
    const checksum = createHash("sha256").update(JSON.stringify(parsed.data)).digest("hex");
    out.push({ file, definition: parsed.data, checksum });
  }
  return out;
}

/**
 * Loads the instrument files into the database. A new id/version is inserted; an unchanged one is
 * left alone; a changed definition under an existing version is refused — submitted assessments were
 * scored with that version, so a correction must get a new version number.
 */
export async function syncInstruments(db: Database, dir = DEFAULT_INSTRUMENTS_DIR) {
  const files = readInstrumentFiles(dir);
  const loaded: string[] = [];
  await db.transaction(async (tx) => {
    for (const f of files) {
      const { id, version, name } = f.definition;
      const [existing] = await tx
        .select({ checksum: instruments.checksum })
        .from(instruments)
        .where(and(eq(instruments.id, id), eq(instruments.version, version)));
      if (existing && existing.checksum !== f.checksum) {
        throw new InstrumentFileError(
          `量表 ${id} 版本 ${version}（${f.file}）的内容已改变但版本号未变。已有评估按原内容计分，请提高 version 后重启。`,
        );
      }
      if (!existing) {
        await tx.insert(instruments).values({
          id,
          version,
          name,
          checksum: f.checksum,
          definition: f.definition,
          sourceFile: f.file,
        });
        loaded.push(`${id}@${version}`);
        await recordAudit(
          tx,
          { id: null, name: "system", role: "system", ip: null },
          {
            action: "system.instrument_load",
            entityType: "instrument",
            entityId: `${id}@${version}`,
            after: { id, version, name, file: f.file, checksum: f.checksum },
          },
        );
      }
    }
    // Versions no longer in the files stay (old assessments need them) but are not offered anymore.
    await tx.update(instruments).set({ current: false });
    for (const f of files) {
      await tx
        .update(instruments)
        .set({ current: true })
        .where(and(eq(instruments.id, f.definition.id), eq(instruments.version, f.definition.version)));
    }
  });
  return { files: files.length, loaded };
}
