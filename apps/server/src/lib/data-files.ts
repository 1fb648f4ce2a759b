import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  Executor,
  indicatorDefinitions,
  instruments,
  policies,
  programmeDefinitions,
  warningRules,
} from "@dxcenter/db";
import type { AuditAction, AuditEntityType } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../modules/audit/audit.service";

/**
 * Versioned data files (instruments, policies, indicators, warning rules, targets): JSON read from folders, checked with the
 * contracts' zod schema, refused at start with a Chinese message naming the file and the fields, and
 * synchronised into their table by id + version. One reader and one sync for every kind, so a kind
 * cannot drift from the others in what it accepts or how it protects recorded results.
 */

/** Raised at start when a data file is wrong; each kind has its own subclass. */
export class DataFileError extends Error {}
type ErrorClass = new (message: string) => DataFileError;

/** Reads one JSON file and parses it with `schema`; `label` names the kind ("量表文件"…). */
export function parseDataFile<S extends z.ZodType>(
  schema: S,
  path: string,
  shownName: string,
  label: string,
  Err: ErrorClass,
): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Err(`${label} ${shownName} 无法读取或不是有效的 JSON：${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 10)
      .map((i) => `  ${i.path.join(".") || "（根）"}：${i.message}`);
    throw new Err(`${label} ${shownName} 校验未通过：\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export interface LoadedFile<T> {
  file: string;
  definition: T;
  checksum: string;
}

export const definitionChecksum = (def: unknown) =>
  createHash("sha256").update(JSON.stringify(def)).digest("hex");

/**
 * Every *.json of the folders, in name order per folder, parsed; `keyOf` names what must be unique
 * across all of them (the id, or id@version) and `kind` is how messages call one ("量表", "政策").
 */
export function readDataFolders<S extends z.ZodType>(opts: {
  dirs: readonly string[];
  schema: S;
  kind: string;
  keyOf: (d: z.output<S>) => string;
  Err: ErrorClass;
  missingDir?: (dir: string) => string;
}): LoadedFile<z.output<S>>[] {
  const out: LoadedFile<z.output<S>>[] = [];
  const seen = new Map<string, string>();
  for (const dir of opts.dirs) {
    if (!existsSync(dir)) throw new opts.Err(opts.missingDir?.(dir) ?? `${opts.kind}文件夹 ${dir} 不存在`);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    for (const file of files) {
      const definition = parseDataFile(opts.schema, join(dir, file), file, `${opts.kind}文件`, opts.Err);
      const key = opts.keyOf(definition);
      const other = seen.get(key);
      if (other) throw new opts.Err(`${opts.kind} ${key} 同时出现在 ${other} 和 ${file} 中`);
      seen.set(key, file);
      out.push({ file, definition, checksum: definitionChecksum(definition) });
    }
  }
  return out;
}

type VersionedTable =
  | typeof instruments
  | typeof policies
  | typeof indicatorDefinitions
  | typeof warningRules
  | typeof programmeDefinitions;
interface Versioned {
  id: string;
  version: string;
  name: string;
}

/**
 * Loads the files into `table`. A new id/version is inserted (and audited as `action`); an unchanged
 * one is left alone; a changed definition under an existing version is refused — results were
 * recorded with that version (`recordedWith` says which), so a correction needs a new version. Versions
 * no longer in the files stay (their records need them) but are no longer current.
 */
export async function syncVersioned<T extends Versioned>(
  db: { transaction: <R>(fn: (tx: Executor) => Promise<R>) => Promise<R> },
  opts: {
    table: VersionedTable;
    files: readonly LoadedFile<T>[];
    kind: string;
    recordedWith: string;
    action: AuditAction;
    entityType: AuditEntityType;
    Err: ErrorClass;
  },
) {
  // Both tables share these columns; drizzle's types do not unify a union of tables, so one view.
  const t = opts.table as typeof instruments;
  const loaded: string[] = [];
  await db.transaction(async (tx) => {
    for (const f of opts.files) {
      const { id, version, name } = f.definition;
      const [existing] = await tx
        .select({ checksum: t.checksum })
        .from(t)
        .where(and(eq(t.id, id), eq(t.version, version)));
      if (existing && existing.checksum !== f.checksum)
        throw new opts.Err(
          `${opts.kind} ${id} 版本 ${version}（${f.file}）的内容已改变但版本号 version 未变。${opts.recordedWith}，请提高 version 后重启。`,
        );
      if (existing) continue;
      await tx.insert(t).values({
        id,
        version,
        name,
        checksum: f.checksum,
        definition: f.definition as never,
        sourceFile: f.file,
      });
      loaded.push(`${id}@${version}`);
      await recordAudit(
        tx,
        { id: null, name: "system", role: "system", ip: null },
        {
          action: opts.action,
          entityType: opts.entityType,
          entityId: `${id}@${version}`,
          after: { id, version, name, file: f.file, checksum: f.checksum },
        },
      );
    }
    await tx.update(t).set({ current: false });
    for (const f of opts.files)
      await tx
        .update(t)
        .set({ current: true })
        .where(and(eq(t.id, f.definition.id), eq(t.version, f.definition.version)));
  });
  return { files: opts.files.length, loaded };
}
