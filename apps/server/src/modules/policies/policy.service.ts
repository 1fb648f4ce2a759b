import type { PolicyItem, PolicyListQuery } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import { POLICY_LEVELS } from "@dxcenter/domain";
import type { z } from "zod";
import { currentPolicies, shanghaiToday, toPolicyItem } from "./policy.repository";

/** The catalogue is a few dozen documents: filter, sort and page them in memory. */
export async function listPolicies(db: Executor, q: z.output<typeof PolicyListQuery>) {
  const today = shanghaiToday();
  const needle = q.q?.toLowerCase();
  let items: PolicyItem[] = (await currentPolicies(db))
    .filter((d) => {
      if (!needle) return true;
      const hay = [d.name, d.id, d.issuer, d.region, d.source.document, d.source.clause]
        .join(" ")
        .toLowerCase();
      return hay.includes(needle);
    })
    .map((d) => toPolicyItem(d, today));
  if (q.level) items = items.filter((p) => p.level === q.level);
  if (q.beneficiary) items = items.filter((p) => p.beneficiary === q.beneficiary);
  if (q.validToday !== undefined) items = items.filter((p) => p.validToday === q.validToday);
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
  const total = items.length;
  return {
    items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
