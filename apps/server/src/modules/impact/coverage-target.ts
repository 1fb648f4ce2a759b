import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CoverageTargetFile } from "@dxcenter/contracts";
import { DataFileError, parseDataFile } from "../../lib/data-files";

/**
 * The diagnosis coverage target is data: packages/db/targets/diagnosis-coverage.json (validated by
 * CoverageTargetFile). It is read once per process and cached; a city changes the plan by editing
 * the file and restarting. A wrong file is refused with a Chinese message naming the field.
 */
export const DEFAULT_COVERAGE_TARGET_FILE = resolve(
  fileURLToPath(new URL("../../../../../packages/db/targets/diagnosis-coverage.json", import.meta.url)),
);

export class TargetFileError extends DataFileError {}

/** Reads and validates a target file (no cache). */
export function readCoverageTarget(file = DEFAULT_COVERAGE_TARGET_FILE): CoverageTargetFile {
  return parseDataFile(CoverageTargetFile, file, file, "覆盖率目标文件", TargetFileError);
}

let cached: CoverageTargetFile | null = null;

/** The shipped target, read on first use and kept for the life of the process. */
export function coverageTarget(): CoverageTargetFile {
  cached ??= readCoverageTarget();
  return cached;
}
