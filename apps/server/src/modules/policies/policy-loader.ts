import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PolicyDefinition } from "@dxcenter/contracts";
import { type Database, policies } from "@dxcenter/db";
import { validatePolicies } from "@dxcenter/domain";
import {
  DataFileError,
  definitionChecksum,
  type LoadedFile,
  readDataFolders,
  syncVersioned,
} from "../../lib/data-files";

export const DEFAULT_POLICIES_DIR = resolve(
  fileURLToPath(new URL("../../../../../packages/db/policies", import.meta.url)),
);
/** Demo mode only: a policy whose parameters are set, so 免申即享 has something to find. */
export const DEMO_POLICIES_DIR = resolve(
  fileURLToPath(new URL("../../../../../packages/db/policies-demo", import.meta.url)),
);

/** Raised at start when a policy file is wrong; the message names the file and the field. */
export class PolicyFileError extends DataFileError {}

export type LoadedPolicy = LoadedFile<PolicyDefinition>;

export const policyChecksum = definitionChecksum;

/** Reads and validates every *.json in the folders (zod shape + the domain's semantic rules). */
export function readPolicyFiles(dirs: string[]): LoadedPolicy[] {
  const out = readDataFolders({
    dirs,
    schema: PolicyDefinition,
    kind: "政策",
    // One version of a policy at a time in the files: the id is unique across folders.
    keyOf: (d) => d.id,
    Err: PolicyFileError,
    missingDir: (dir) => `政策文件夹 ${dir} 不存在（DXC_POLICIES_DIR）`,
  });
  const together = validatePolicies(out.map((p) => p.definition));
  if (!together.ok)
    throw new PolicyFileError(
      `政策文件之间不一致：\n${together.errors
        .slice(0, 10)
        .map((e) => `  ${e.path}：${e.message}`)
        .join("\n")}`,
    );
  return out;
}

/**
 * Loads the policy files into the database (see syncVersioned): awards were computed with a
 * version, so a changed definition needs a new version number.
 */
export async function syncPolicies(db: Database, dirs: string[] = [DEFAULT_POLICIES_DIR]) {
  return syncVersioned(db, {
    table: policies,
    files: readPolicyFiles(dirs),
    kind: "政策",
    recordedWith: "已有兑现记录按原内容计算",
    action: "system.policy_load",
    entityType: "policy",
    Err: PolicyFileError,
  });
}
