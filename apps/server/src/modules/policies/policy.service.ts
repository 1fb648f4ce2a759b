import type { PolicyDetail, PolicyItem, PolicyListQuery } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import {
  type Actor,
  conditionTexts,
  formulaText,
  isValidOn,
  POLICY_LEVELS,
  type PolicyDefinition,
} from "@dxcenter/domain";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { pageOf } from "../../lib/list-query";
import { allPages } from "../../lib/pages";
import { currentPolicies, currentPolicy, policyVersions } from "./policy.repository";

/** The public policy catalogue (政策库): list, detail and export of the current versions. */

type ListQuery = z.output<typeof PolicyListQuery>;

export function toPolicyItem(def: PolicyDefinition, today: string): PolicyItem {
  return {
    id: def.id,
    version: def.version,
    name: def.name,
    level: def.level,
    region: def.region,
    issuer: def.issuer,
    beneficiary: def.beneficiary,
    validFrom: def.validity.from ?? null,
    validUntil: def.validity.until ?? null,
    validToday: isValidOn(def, today),
    unsetParameters: def.parameters.filter((p) => p.value === null).length,
    setByCityParameters: def.parameters.filter((p) => p.setByCity).length,
    unconfirmed: def.unconfirmed?.length ?? 0,
    nonCumulationGroup: def.nonCumulation?.group ?? null,
    document: def.source.document,
    formulaText: formulaText(def),
    conditionTexts: conditionTexts(def),
  };
}

/** The catalogue is a few dozen documents: filter, sort and page them in memory. */
export async function listPolicies(db: Executor, q: ListQuery) {
  const today = shanghaiToday();
  const needle = q.q?.toLowerCase();
  const items: PolicyItem[] = (await currentPolicies(db))
    .filter((d) => {
      if (!needle) return true;
      const hay = [d.name, d.id, d.issuer, d.region, d.source.document, d.source.clause]
        .join(" ")
        .toLowerCase();
      return hay.includes(needle);
    })
    .map((d) => toPolicyItem(d, today))
    .filter(
      (p) =>
        (!q.level || p.level === q.level) &&
        (!q.beneficiary || p.beneficiary === q.beneficiary) &&
        (q.validToday === undefined || p.validToday === q.validToday),
    );
  const key = (p: PolicyItem): string =>
    q.sort === "name"
      ? p.name
      : q.sort === "validUntil"
        ? (p.validUntil ?? "9999-12-31")
        : String(POLICY_LEVELS.indexOf(p.level));
  items.sort((a, b) => {
    const c = key(a).localeCompare(key(b), "zh-CN") || a.name.localeCompare(b.name, "zh-CN");
    return q.order === "asc" ? c : -c;
  });
  return pageOf(
    q,
    async (limit, offset) => items.slice(offset, offset + limit),
    async () => items.length,
  );
}

/** The catalogue's download is for bureau staff (the list itself is public). */
export async function* iteratePoliciesForExport(
  db: Executor,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("导出政策库");
  yield* allPages((page, pageSize) => listPolicies(db, { ...q, page, pageSize }), 1000);
}

export async function getPolicy(db: Executor, id: string): Promise<PolicyDetail> {
  const found = await currentPolicy(db, id);
  if (!found) throw notFound("政策");
  const def = found.def;
  const versions = await policyVersions(db, def.id);
  return {
    ...toPolicyItem(def, shanghaiToday()),
    definition: def,
    sourceFile: found.sourceFile,
    otherVersions: versions.filter((v) => v !== def.version),
  };
}
