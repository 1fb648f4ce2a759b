import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Programme, ProgrammeDefinition } from "@dxcenter/contracts";
import { type Database, type Executor, programmeDefinitions } from "@dxcenter/db";
import { and, asc, eq } from "drizzle-orm";
import { DataFileError, type LoadedFile, readDataFolders, syncVersioned } from "../../lib/data-files";

/**
 * 梯度培育 programmes are data: packages/db/programmes/*.json (ProgrammeDefinition), loaded at every
 * start into programme_definitions by id + version like the indicators; a certification keeps the
 * version it was issued under, so a changed file needs a new version.
 */
export const DEFAULT_PROGRAMMES_DIR = resolve(
  fileURLToPath(new URL("../../../../../packages/db/programmes", import.meta.url)),
);

/** Raised at start when a programme file is wrong; the message names the file and the field. */
export class ProgrammeFileError extends DataFileError {}

export function readProgrammeFiles(dir: string): LoadedFile<ProgrammeDefinition>[] {
  return readDataFolders({
    dirs: [dir],
    schema: ProgrammeDefinition,
    kind: "认定项目",
    keyOf: (d) => d.id,
    Err: ProgrammeFileError,
  });
}

export async function syncProgrammes(db: Database, dir = DEFAULT_PROGRAMMES_DIR) {
  return syncVersioned(db, {
    table: programmeDefinitions,
    files: readProgrammeFiles(dir),
    kind: "认定项目",
    recordedWith: "已登记的认定按原版本记录",
    action: "system.programme_load",
    entityType: "programme",
    Err: ProgrammeFileError,
  });
}

/** The current version of every programme, in id order. */
export async function currentProgrammes(db: Executor): Promise<Programme[]> {
  const rows = await db
    .select({ definition: programmeDefinitions.definition })
    .from(programmeDefinitions)
    .where(eq(programmeDefinitions.current, true))
    .orderBy(asc(programmeDefinitions.id));
  return rows.map((r) => Programme.parse(r.definition));
}

/** The current version of one programme, or null. */
export async function currentProgramme(db: Executor, id: string): Promise<Programme | null> {
  const [row] = await db
    .select({ definition: programmeDefinitions.definition })
    .from(programmeDefinitions)
    .where(and(eq(programmeDefinitions.id, id), eq(programmeDefinitions.current, true)));
  return row ? Programme.parse(row.definition) : null;
}
