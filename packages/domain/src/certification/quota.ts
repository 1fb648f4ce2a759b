/**
 * A round's quota per district (推荐名额) and the districts' ranked recommendations.
 *
 * Per district, ranks must be whole numbers 1..n without duplicates or gaps, an application is
 * recommended once, and at most `quota` applications may be recommended. The check reports every
 * problem (in Chinese, naming the district) and, whatever the problems, which applications would be
 * accepted: the district's best distinct ranks, at most its quota — so the accepted count never
 * exceeds the quota even for input the check refuses.
 */
import type { Recommendation, RecommendationCheck, RecommendationProblem, RoundQuota } from "./types";

const districtLabel = (names: Readonly<Record<string, string>>, code: string) => names[code] ?? code;

export function checkRecommendations(
  quota: RoundQuota,
  recommendations: readonly Recommendation[],
  districtNames: Readonly<Record<string, string>> = {},
): RecommendationCheck {
  const problems: RecommendationProblem[] = [];
  const byDistrict = new Map<string, Recommendation[]>();
  for (const r of recommendations) {
    const list = byDistrict.get(r.districtCode) ?? [];
    list.push(r);
    byDistrict.set(r.districtCode, list);
  }

  // An application recommended twice (in one district or two).
  const seen = new Map<string, Recommendation[]>();
  for (const r of recommendations) seen.set(r.applicationId, [...(seen.get(r.applicationId) ?? []), r]);
  for (const [id, list] of seen)
    if (list.length > 1) {
      const d = list[0]?.districtCode ?? "";
      problems.push({
        kind: "duplicate_application",
        districtCode: d,
        message: `同一申报被推荐了${list.length}次（${list.map((r) => `${districtLabel(districtNames, r.districtCode)}第${r.rank}名`).join("、")}）`,
        applicationIds: [id],
      });
    }

  const districts: RecommendationCheck["districts"][number][] = [];
  const codes = [...new Set([...Object.keys(quota), ...byDistrict.keys()])].sort();
  for (const code of codes) {
    const name = districtLabel(districtNames, code);
    const list = byDistrict.get(code) ?? [];
    const q = quota[code];
    const limit = q !== undefined && Number.isInteger(q) && q >= 0 ? q : 0;
    if (q === undefined && list.length > 0)
      problems.push({
        kind: "no_quota",
        districtCode: code,
        message: `本批次未给${name}分配推荐名额，不能推荐`,
        applicationIds: list.map((r) => r.applicationId),
      });
    else if (list.length > limit)
      problems.push({
        kind: "over_quota",
        districtCode: code,
        message: `${name}推荐${list.length}家，超出名额${limit}家（多${list.length - limit}家）`,
        applicationIds: [...list]
          .sort((a, b) => a.rank - b.rank)
          .slice(limit)
          .map((r) => r.applicationId),
      });

    const valid = list.filter((r) => Number.isInteger(r.rank) && r.rank >= 1);
    const invalid = list.filter((r) => !(Number.isInteger(r.rank) && r.rank >= 1));
    if (invalid.length > 0)
      problems.push({
        kind: "invalid_rank",
        districtCode: code,
        message: `${name}的推荐排名应为从 1 开始的整数（${invalid.map((r) => String(r.rank)).join("、")}）`,
        applicationIds: invalid.map((r) => r.applicationId),
      });

    const byRank = new Map<number, Recommendation[]>();
    for (const r of valid) byRank.set(r.rank, [...(byRank.get(r.rank) ?? []), r]);
    const ranks = [...byRank.keys()].sort((a, b) => a - b);
    for (const rank of ranks) {
      const same = byRank.get(rank) ?? [];
      if (same.length > 1)
        problems.push({
          kind: "duplicate_rank",
          districtCode: code,
          message: `${name}有${same.length}家并列第${rank}名，排名不能重复`,
          applicationIds: same.map((r) => r.applicationId),
        });
    }
    const max = ranks.at(-1) ?? 0;
    const missing: number[] = [];
    for (let k = 1; k <= max && missing.length <= 10; k++) if (!byRank.has(k)) missing.push(k);
    if (missing.length > 0)
      problems.push({
        kind: "rank_gap",
        districtCode: code,
        message: `${name}的推荐排名不连续，缺少第${missing.slice(0, 10).join("、")}名${missing.length > 10 ? "等" : ""}`,
        applicationIds: [],
      });

    // Accepted: best ranks first (ties by input order), each application once, at most the quota.
    const accepted: string[] = [];
    for (const r of [...valid].sort((a, b) => a.rank - b.rank)) {
      if (accepted.length >= limit) break;
      if (!accepted.includes(r.applicationId)) accepted.push(r.applicationId);
    }
    districts.push({ districtCode: code, quota: limit, recommended: list.length, accepted });
  }
  return { ok: problems.length === 0, problems, districts };
}
