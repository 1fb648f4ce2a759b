import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InstrumentDefinition } from "@dxcenter/contracts";
import { type Database, instruments } from "@dxcenter/db";
import { DataFileError, type LoadedFile, readDataFolders, syncVersioned } from "../lib/data-files";

export const DEFAULT_INSTRUMENTS_DIR = resolve(
  fileURLToPath(new URL("../../../../packages/db/instruments", import.meta.url)),
);

/** Raised at start when an instrument file is wrong; the message names the file and the field. */
export class InstrumentFileError extends DataFileError {}

export type LoadedInstrument = LoadedFile<InstrumentDefinition>;

/** Reads and validates every *.json in the folder (schema + semantic rules of the domain). */
export function readInstrumentFiles(dir: string): LoadedInstrument[] {
  return readDataFolders({
    dirs: [dir],
    schema: InstrumentDefinition,
    kind: "量表",
    keyOf: (d) => `${d.id}@${d.version}`,
    Err: InstrumentFileError,
  });
}

/**
 * Loads the instrument files into the database (see syncVersioned): submitted assessments were
 * scored with a version, so a changed definition needs a new version number.
 */
export async function syncInstruments(db: Database, dir = DEFAULT_INSTRUMENTS_DIR) {
  return syncVersioned(db, {
    table: instruments,
    files: readInstrumentFiles(dir),
    kind: "量表",
    recordedWith: "已有评估按原内容计分",
    action: "system.instrument_load",
    entityType: "instrument",
    Err: InstrumentFileError,
  });
}
