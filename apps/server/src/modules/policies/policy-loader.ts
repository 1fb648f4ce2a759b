import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PolicyDefinition } from "@dxcenter/contracts";
import { type Database, policies } from "@dxcenter/db";
import { validatePolicies } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.service";

export const DEFAULT_POLICIES_DIR = resolve(
  fileURLToPath(new URL("../../../../../packages/db/policies", import.meta.url)),
);
/** Demo mode only: a policy whose parameters are set, so 免申即享 has something to find. */
export const DEMO_POLICIES_DIR = resolve(
  fileURLToPath(new URL("../../../../../packages/db/policies-demo", import.meta.url)),
);

/** Raised at start when a policy file is wrong; the message names the file and the field. */
export class PolicyFileError extends Error {}

export interface LoadedPolicy {
  file: string;
  definition: PolicyDefinition;
  checksum: string;
}

export const policyChecksum = (def: unknown) =>
  createHash("sha256").update(JSON.stringify(def)).digest("hex");

/** Reads and validates every *.json in the folders (zod shape + the domain's semantic rules). */
export function readPolicyFiles(dirs: string[]): LoadedPolicy[] {
  const out: LoadedPolicy[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new PolicyFileError(`政策文件夹 ${dir} 不存在（DXC_POLICIES_DIR）`);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    for (const file of files) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(join(dir, file), "utf8"));
      } catch (e) {
        throw new PolicyFileError(`政策文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
      }
      const parsed = PolicyDefinition.safeParse(raw);
      if (!parsed.success) {
        const lines = parsed.error.issues
          .slice(0, 10)
          .map((i) => `  ${i.path.join(".") || "（根）"}：${i.message}`);
        throw new PolicyFileError(`政策文件 ${file} 校验未通过：\n${lines.join("\n")}`);
      }
      const other = seen.get(parsed.data.id);
      if (other) throw new PolicyFileError(`政策 ${parsed.data.id} 同时出现在 ${other} 和 ${file} 中`);
      seen.set(parsed.data.id, file);
      out.push({ file, definition: parsed.data, checksum: policyChecksum(parsed.data) });
    }
  }
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
 * Loads the policy files into the database. A new id/version is inserted; an unchanged one is left
 * alone; a changed definition under an existing version is refused — awards were computed with that
 * version, so a correction must get a new version number. Versions no longer in the files stay
 * (their awards need them) but are no longer current.
 */
export async function syncPolicies(db: Database, dirs: string[] = [DEFAULT_POLICIES_DIR]) {
  const files = readPolicyFiles(dirs);
  const loaded: string[] = [];
  await db.transaction(async (tx) => {
    for (const f of files) {
      const { id, version, name } = f.definition;
      const [existing] = await tx
        .select({ checksum: policies.checksum, sourceFile: policies.sourceFile })
        .from(policies)
        .where(and(eq(policies.id, id), eq(policies.version, version)));
      if (existing && existing.checksum !== f.checksum) {
        throw new PolicyFileError(
          `政策 ${id} 版本 ${version}（${f.file}）的内容已改变但版本号 version 未变。已有兑现记录按原内容计算，请提高 version 后重启。`,
        );
      }
      if (!existing) {
        await tx.insert(policies).values({
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
            action: "system.policy_load",
            entityType: "policy",
            entityId: `${id}@${version}`,
            after: { id, version, name, file: f.file, checksum: f.checksum },
          },
        );
      }
    }
    await tx.update(policies).set({ current: false });
    for (const f of files)
      await tx
        .update(policies)
        .set({ current: true })
        .where(and(eq(policies.id, f.definition.id), eq(policies.version, f.definition.version)));
  });
  return { files: files.length, loaded };
}
