import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CoverageTargetFile } from "@dxcenter/contracts";

/**
 * The diagnosis coverage target is data: packages/db/targets/diagnosis-coverage.json (validated by
 * CoverageTargetFile). It is read once per process and cached; a city changes the plan by editing
 * the file and restarting. A wrong file is refused with a Chinese message naming the field.
 */
export const DEFAULT_COVERAGE_TARGET_FILE = resolve(
  fileURLToPath(new URL("../../../../../packages/db/targets/diagnosis-coverage.json", import.meta.url)),
);

export class TargetFileError extends Error {}

/** Reads and validates a target file (no cache). */
export function readCoverageTarget(file = DEFAULT_COVERAGE_TARGET_FILE): CoverageTargetFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new TargetFileError(`覆盖率目标文件 ${file} 无法读取或不是有效的 JSON：${(e as Error).message}`);
  }
  const parsed = CoverageTargetFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "（根）"}：${i.message}`);
    throw new TargetFileError(`覆盖率目标文件 ${file} 校验未通过：\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: CoverageTargetFile | null = null;

/** The shipped target, read on first use and kept for the life of the process. */
export function coverageTarget(): CoverageTargetFile {
  cached ??= readCoverageTarget();
  return cached;
}
