import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WarningRuleDefinition } from "@dxcenter/contracts";
import { type Database, type Executor, warningRules } from "@dxcenter/db";
import { asc, eq } from "drizzle-orm";
import { DataFileError, readDataFolders, syncVersioned } from "../../lib/data-files";

/**
 * 预警规则 are data: packages/db/warning-rules/*.json (WarningRuleDefinition), loaded at every start
 * into warning_rules by id + version like the indicators; a warning keeps the rule version that
 * raised it, so a changed file needs a new version.
 */
export const DEFAULT_WARNING_RULES_DIR = resolve(
  fileURLToPath(new URL("../../../../../packages/db/warning-rules", import.meta.url)),
);

/** Raised at start when a rule file is wrong; the message names the file and the field. */
export class WarningRuleFileError extends DataFileError {}

export async function syncWarningRules(db: Database, dir = DEFAULT_WARNING_RULES_DIR) {
  const files = readDataFolders({
    dirs: [dir],
    schema: WarningRuleDefinition,
    kind: "预警规则",
    keyOf: (d) => d.id,
    Err: WarningRuleFileError,
  });
  return syncVersioned(db, {
    table: warningRules,
    files,
    kind: "预警规则",
    recordedWith: "已产生的预警记录了规则版本",
    action: "system.warning_rule_load",
    entityType: "warning_rule",
    Err: WarningRuleFileError,
  });
}

/** The current version of every rule, in id order. */
export async function currentWarningRules(db: Executor): Promise<WarningRuleDefinition[]> {
  const rows = await db
    .select({ definition: warningRules.definition })
    .from(warningRules)
    .where(eq(warningRules.current, true))
    .orderBy(asc(warningRules.id));
  return rows.map((r) => WarningRuleDefinition.parse(r.definition));
}
