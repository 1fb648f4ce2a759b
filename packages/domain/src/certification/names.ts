/**
 * Matching published lists (公示 / 认定名单, historical spreadsheets) to the enterprise registry.
 *
 * A row is matched by its 统一社会信用代码 when it has one (a code that fails GB 32100 is reported, never
 * guessed around), otherwise by the normalised company name. A name that normalises to several
 * registry entries is ambiguous, never matched: a row is matched to at most one enterprise.
 *
 * normaliseCompanyName, the documented rule (applied until nothing changes, so it is idempotent):
 *   1. Unicode NFKC: full-width letters, digits, brackets and the ideographic space become half-width.
 *   2. Every bracket kind — () [] {} <> （）【】〔〕〖〗〈〉《》「」『』 — becomes ( and ).
 *   3. All whitespace (and zero-width characters) is removed.
 *   4. ASCII letters are lower-cased.
 *   5. "(集团)" becomes "集团" (天津某某（集团）有限公司 = 天津某某集团有限公司).
 *   6. The company forms 股份有限公司 and 有限责任公司 become 有限公司 wherever they occur, so
 *      "X股份有限公司", "X有限责任公司" and "X有限公司" are one name. Where the registry holds two of
 *      these as different enterprises, the name is ambiguous and the row must carry a code.
 *      Other forms (X公司, X厂, X研究院) are not folded.
 */
import { validateUscc } from "../codes/uscc";
import type { PublishedRow, RegistryEntry, RowMatch } from "./types";

const OPEN = /[[{<【〔〖〈《「『]/gu;
const CLOSE = /[\]}>】〕〗〉》」』]/gu;
const SPACE = /\s|\u200b|\u200c|\u200d|\u2060|\ufeff/gu;
const FORMS = /股份有限公司|有限责任公司/gu;

function step(s: string): string {
  return s
    .normalize("NFKC")
    .replace(OPEN, "(")
    .replace(CLOSE, ")")
    .replace(SPACE, "")
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .replaceAll("(集团)", "集团")
    .replace(FORMS, "有限公司");
}

/** The comparison form of a company name (see the rule above). */
export function normaliseCompanyName(name: string): string {
  let s = name;
  for (let i = 0; i < 8; i++) {
    const next = step(s);
    if (next === s) return s;
    s = next;
  }
  return s;
}

function index<K>(
  entries: readonly RegistryEntry[],
  key: (e: RegistryEntry) => K | null,
): Map<K, RegistryEntry[]> {
  const m = new Map<K, RegistryEntry[]>();
  for (const e of entries) {
    const k = key(e);
    if (k === null) continue;
    const list = m.get(k);
    if (list) {
      if (!list.some((x) => x.id === e.id)) list.push(e);
    } else m.set(k, [e]);
  }
  return m;
}

const registryCode = (e: RegistryEntry): string | null => {
  const v = validateUscc(e.uscc);
  return v.ok ? v.code : e.uscc.trim() || null;
};

const names = (list: readonly RegistryEntry[]) => list.map((e) => `“${e.name}”`).join("、");

/**
 * One result per row, in row order. Exact valid USCC first; rows without a code by normalised name.
 * The registry may be the whole registry or a scope (a district's enterprises).
 */
export function matchPublishedRows(
  rows: readonly PublishedRow[],
  registry: readonly RegistryEntry[],
): RowMatch[] {
  const byCode = index(registry, registryCode);
  const byName = index(registry, (e) => normaliseCompanyName(e.name) || null);

  const byNameMatch = (name: string): RowMatch => {
    const found = byName.get(normaliseCompanyName(name)) ?? [];
    if (found.length === 1 && found[0]) return { kind: "matched", id: found[0].id, by: "name" };
    if (found.length > 1)
      return {
        kind: "ambiguous",
        candidates: found.map((e) => e.id),
        message: `企业名称“${name.trim()}”对应企业库中${found.length}家企业（${names(found)}），请补充统一社会信用代码`,
      };
    return { kind: "not_found", message: `企业库中没有名称为“${name.trim()}”的企业` };
  };

  return rows.map((row): RowMatch => {
    const code = row.uscc?.trim() ?? "";
    const name = row.name?.trim() ?? "";
    if (code !== "") {
      const v = validateUscc(code);
      if (!v.ok) return { kind: "invalid_uscc", message: v.message };
      const found = byCode.get(v.code) ?? [];
      if (found.length === 1 && found[0]) return { kind: "matched", id: found[0].id, by: "uscc" };
      if (found.length > 1)
        return {
          kind: "ambiguous",
          candidates: found.map((e) => e.id),
          message: `统一社会信用代码${v.code}在企业库中对应${found.length}家企业（${names(found)}）`,
        };
      if (name === "") return { kind: "not_found", message: `企业库中没有统一社会信用代码为${v.code}的企业` };
      const sameName = byName.get(normaliseCompanyName(name)) ?? [];
      return {
        kind: "not_found",
        message:
          sameName.length > 0
            ? `企业库中没有统一社会信用代码为${v.code}的企业；同名企业${names(sameName)}的代码与之不同，请核对`
            : `企业库中没有统一社会信用代码为${v.code}的企业，也没有名称为“${name}”的企业`,
      };
    }
    if (name === "" || normaliseCompanyName(name) === "")
      return { kind: "not_found", message: "该行未填写企业名称和统一社会信用代码" };
    return byNameMatch(name);
  });
}
