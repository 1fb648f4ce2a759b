import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Indicator, IndicatorDefinition } from "@dxcenter/contracts";
import { type Database, type Executor, indicatorDefinitions } from "@dxcenter/db";
import { asc, eq } from "drizzle-orm";
import { DataFileError, type LoadedFile, readDataFolders, syncVersioned } from "../../lib/data-files";

/**
 * The indicator catalogue is data: packages/db/indicators/*.json (IndicatorDefinition), loaded at
 * every start into indicator_definitions by id + version like the instruments and policies; a
 * snapshot keeps the version it was computed under, so a changed file needs a new version.
 */
export const DEFAULT_INDICATORS_DIR = resolve(
  fileURLToPath(new URL("../../../../../packages/db/indicators", import.meta.url)),
);

/** Raised at start when an indicator file is wrong; the message names the file and the field. */
export class IndicatorFileError extends DataFileError {}

export function readIndicatorFiles(dir: string): LoadedFile<IndicatorDefinition>[] {
  return readDataFolders({
    dirs: [dir],
    schema: IndicatorDefinition,
    kind: "监测指标",
    keyOf: (d) => d.id,
    Err: IndicatorFileError,
  });
}

export async function syncIndicators(db: Database, dir = DEFAULT_INDICATORS_DIR) {
  return syncVersioned(db, {
    table: indicatorDefinitions,
    files: readIndicatorFiles(dir),
    kind: "监测指标",
    recordedWith: "已关账的指标快照按原口径计算",
    action: "system.indicator_load",
    entityType: "indicator",
    Err: IndicatorFileError,
  });
}

/** The current version of every indicator, in id order. */
export async function currentIndicators(db: Executor): Promise<Indicator[]> {
  const rows = await db
    .select({ definition: indicatorDefinitions.definition })
    .from(indicatorDefinitions)
    .where(eq(indicatorDefinitions.current, true))
    .orderBy(asc(indicatorDefinitions.id));
  return rows.map((r) => Indicator.parse(r.definition));
}
