import type { DemandMatches } from "@dxcenter/contracts";
import {
  assessments,
  diagnoses,
  diagnosisTeam,
  districts,
  type Executor,
  industries,
  providerCases,
  providerMembers,
  providerRatings,
  providers,
  solutions,
} from "@dxcenter/db";
import {
  type Demand,
  type MatchNames,
  type Provider,
  type ProviderCategory,
  rankProviders,
  rankSolutions,
  type Solution,
} from "@dxcenter/domain";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { SCENE_INSTRUMENT, type SceneCatalogue, sceneCatalogue } from "../solutions/scenes";
import { publicCondition, solutionRowsByIds, textArray, toSolutionItem } from "../solutions/solution.queries";

/**
 * Supply–demand matching through the database: load the candidates, rank them with the domain's
 * rankSolutions / rankProviders, and return the explained entries.
 *
 * Why the SQL prefilter cannot change the top results: rankSolutions orders lexicographically by
 * (covers ≥ 1 demanded scene, score, id), and an entry's score depends only on the demand, the entry
 * and its own provider — weights are normalised over the criteria that apply to the demand, never over
 * the other candidates. The prefilter keeps exactly the published solutions of admitted providers that
 * cover at least one demanded scene: a solution covers a scene when tagged with it *or with its
 * sub-domain* (sceneGroups), so the GIN-indexed overlap `scene_ids && $tags` is taken with the
 * demanded scenes plus their sub-domains. What it drops is either never ranked (unpublished, provider
 * not admitted — rankSolutions skips those too) or zero-coverage, and every zero-coverage entry ranks
 * after every covering one whatever the weights. So the prefiltered ranking is exactly the first tier
 * of the full ranking, in the same order; the entries below it cover nothing the enterprise asked for
 * and are not shown as matches. The same holds for providers (a provider covers a scene through its
 * own tags or any of its published solutions).
 */

export interface MarketLoad {
  solutions: Solution[];
  providersById: Map<string, Provider>;
  /** Providers that cover a demanded scene (own tags or a prefiltered solution), for rankProviders. */
  providerList: Provider[];
  solutionsByProvider: Map<string, Solution[]>;
}

export function prefilterTags(sceneIds: readonly string[], catalogue: SceneCatalogue): string[] {
  const tags = new Set(sceneIds);
  for (const s of sceneIds) {
    const g = catalogue.groups[s];
    if (g) tags.add(g);
  }
  return [...tags];
}

/**
 * The candidates in five statements, each reading only what ranking needs: prefiltered solutions
 * (no summaries or references), the admitted providers covering a demanded scene (own tags or one of
 * those solutions), their cases in the demand's industry (the only cases the ranking counts), and
 * their rating aggregates and measured outcomes. Full rows are read afterwards for the entries returned only.
 */
export async function loadMarket(
  db: Executor,
  tags: string[],
  industry?: string | readonly string[],
): Promise<MarketLoad> {
  const caseIndustries =
    industry === undefined ? [] : typeof industry === "string" ? [industry] : [...industry];
  const overlap = sql`${solutions.sceneIds} && ${textArray(tags)}`;
  const coveringProvider = sql`${providers.status} = 'admitted' and (${providers.sceneIds} && ${textArray(tags)} or exists (
    select 1 from ${solutions} where ${solutions.providerId} = ${providers.id} and ${solutions.status} = 'published' and ${overlap}))`;
  const providerIds = sql`select ${providers.id} from ${providers} where ${coveringProvider}`;
  const [solRows, providerRows, cases, ratings, outcomes] = await Promise.all([
    db
      .select({
        id: solutions.id,
        providerId: solutions.providerId,
        name: solutions.name,
        category: solutions.category,
        sceneIds: solutions.sceneIds,
        industries: solutions.industries,
        priceMinFen: solutions.priceMinFen,
        priceMaxFen: solutions.priceMaxFen,
        serviceDistricts: solutions.serviceDistricts,
      })
      .from(solutions)
      .innerJoin(providers, eq(providers.id, solutions.providerId))
      .where(and(publicCondition, overlap)),
    db
      .select({
        id: providers.id,
        name: providers.name,
        status: providers.status,
        categories: providers.categories,
        sceneIds: providers.sceneIds,
        industries: providers.industries,
        technologyFields: providers.technologyFields,
        serviceDistricts: providers.serviceDistricts,
        staffCount: providers.staffCount,
      })
      .from(providers)
      .where(coveringProvider),
    caseIndustries.length === 0
      ? Promise.resolve([])
      : db
          .select({
            id: providerCases.id,
            providerId: providerCases.providerId,
            customer: providerCases.customer,
            industry: providerCases.industry,
            sceneIds: providerCases.sceneIds,
            result: providerCases.result,
          })
          .from(providerCases)
          .where(
            and(
              inArray(providerCases.industry, caseIndustries),
              sql`${providerCases.providerId} in (${providerIds})`,
            ),
          ),
    db
      .select({
        providerId: providerRatings.providerId,
        average: sql<string>`avg(${providerRatings.rating})`,
        count: sql<number>`count(*)::int`,
      })
      .from(providerRatings)
      .where(sql`${providerRatings.providerId} in (${providerIds})`)
      .groupBy(providerRatings.providerId),
    measuredOutcomes(db, providerIds),
  ]);
  const sols: Solution[] = solRows.map((s) => ({
    id: s.id,
    providerId: s.providerId,
    name: s.name,
    category: s.category as ProviderCategory,
    sceneIds: s.sceneIds,
    ...(s.industries.length ? { industries: s.industries } : {}),
    ...(s.priceMinFen !== null ? { priceMinFen: Number(s.priceMinFen) } : {}),
    ...(s.priceMaxFen !== null ? { priceMaxFen: Number(s.priceMaxFen) } : {}),
    ...(s.serviceDistricts.length ? { serviceDistricts: s.serviceDistricts } : {}),
  }));
  const casesBy = new Map<string, Provider["cases"][number][]>();
  for (const c of cases) {
    const list = casesBy.get(c.providerId) ?? [];
    list.push({
      id: c.id,
      customer: c.customer,
      industry: c.industry,
      sceneIds: c.sceneIds,
      result: c.result,
    });
    casesBy.set(c.providerId, list);
  }
  const ratingBy = new Map(
    ratings.map((r) => [r.providerId, { average: Number(r.average), count: Number(r.count) }]),
  );
  const outcomeBy = new Map(
    outcomes.map((o) => [o.providerId, { meanDelta: o.meanDelta, enterprises: o.enterprises }]),
  );
  const providerList: Provider[] = providerRows.map((p) => ({
    id: p.id,
    name: p.name,
    status: p.status,
    categories: p.categories as ProviderCategory[],
    sceneIds: p.sceneIds,
    industries: p.industries,
    technologyFields: p.technologyFields,
    serviceDistricts: p.serviceDistricts,
    cases: casesBy.get(p.id) ?? [],
    ...(p.staffCount !== null ? { staffCount: p.staffCount } : {}),
    ...(ratingBy.has(p.id) ? { rating: ratingBy.get(p.id)! } : {}),
    ...(outcomeBy.has(p.id) ? { outcome: outcomeBy.get(p.id)! } : {}),
  }));
  const providersById = new Map(providerList.map((p) => [p.id, p]));
  const solutionsByProvider = new Map<string, Solution[]>();
  for (const s of sols) {
    const list = solutionsByProvider.get(s.providerId) ?? [];
    list.push(s);
    solutionsByProvider.set(s.providerId, list);
  }
  return { solutions: sols, providersById, providerList, solutionsByProvider };
}

/**
 * 实测成效 per provider: the enterprises it served (a verified or closed diagnosis whose team had a
 * member account of the provider) that have ≥ 2 submitted MIIT assessments, and their mean change
 * of the total from the first to the latest (T1 − T0), as 成效分析 compares them.
 */
async function measuredOutcomes(db: Executor, providerIds: SQL) {
  const r = (await db.execute(sql`
    with served as (
      select distinct pm.provider_id, d.enterprise_id
      from ${diagnoses} d
      join ${diagnosisTeam} t on t.diagnosis_id = d.id
      join ${providerMembers} pm on pm.user_id = t.user_id
      where d.status in ('verified', 'closed') and pm.provider_id in (${providerIds})
    ), pairs as (
      select a.enterprise_id,
        (array_agg(a.total order by a.submitted_at asc))[1] as t0,
        (array_agg(a.total order by a.submitted_at desc))[1] as t1,
        count(*) as n
      from ${assessments} a
      where a.status = 'submitted' and a.instrument_id = ${SCENE_INSTRUMENT}
        and a.enterprise_id in (select enterprise_id from served)
      group by a.enterprise_id
    )
    select s.provider_id, avg(p.t1 - p.t0)::float8 as mean_delta, count(*)::int as enterprises
    from served s join pairs p on p.enterprise_id = s.enterprise_id
    where p.n >= 2
    group by s.provider_id`)) as unknown as {
    rows: { provider_id: string; mean_delta: number; enterprises: number }[];
  };
  return r.rows.map((x) => ({
    providerId: x.provider_id,
    meanDelta: Math.round(Number(x.mean_delta) * 10) / 10,
    enterprises: Number(x.enterprises),
  }));
}

let namesCache: Promise<MatchNames> | null = null;
async function matchNames(db: Executor, catalogue: SceneCatalogue): Promise<MatchNames> {
  if (!namesCache) {
    namesCache = (async () => {
      const [ind, dis] = await Promise.all([
        db.select({ code: industries.code, name: industries.name }).from(industries),
        db.select({ code: districts.code, name: districts.name }).from(districts),
      ]);
      return {
        scenes: catalogue.names,
        industries: Object.fromEntries(ind.map((i) => [i.code, i.name])),
        districts: Object.fromEntries(dis.map((d) => [d.code, d.name])),
      };
    })();
  }
  return namesCache;
}

export interface MatchOutcome extends Omit<DemandMatches, "solutions"> {
  solutions: (Omit<DemandMatches["solutions"][number], "leadId" | "leadStatus"> & {})[];
}

/** Ranks the catalogue (and the provider pool) for one demand; timings split SQL and ranking. */
export async function matchDemandInDb(db: Executor, demand: Demand, limit: number): Promise<MatchOutcome> {
  const catalogue = await sceneCatalogue(db);
  const names = await matchNames(db, catalogue);
  const t0 = performance.now();
  const market = await loadMarket(db, prefilterTags(demand.sceneIds, catalogue), demand.industry);
  const t1 = performance.now();
  const options = { names, sceneGroups: catalogue.groups, limit };
  const ranked = rankSolutions(demand, market.solutions, market.providersById, options);
  const rankedProviders = rankProviders(demand, market.providerList, {
    ...options,
    solutionsByProvider: market.solutionsByProvider,
  });
  const t2 = performance.now();
  const ids = ranked.entries.map((e) => e.id);
  const full = ids.length ? await solutionRowsByIds(db, ids) : [];
  const rowById = new Map(full.map((r) => [r.s.id, r]));
  return {
    demandId: demand.id,
    weights: { ...ranked.weights },
    candidates: market.solutions.length,
    solutions: ranked.entries.map((e) => ({
      rank: e.rank,
      score: e.score,
      coversDemand: e.coversDemand,
      coveredSceneIds: [...e.coveredSceneIds],
      missingSceneIds: [...e.missingSceneIds],
      breakdown: e.breakdown.map((b) => ({ ...b })),
      reasons: [...e.reasons],
      solution: toSolutionItem(rowById.get(e.id)!, catalogue),
    })),
    providers: rankedProviders.entries.map((e) => ({
      rank: e.rank,
      score: e.score,
      coversDemand: e.coversDemand,
      coveredSceneIds: [...e.coveredSceneIds],
      breakdown: e.breakdown.map((b) => ({ ...b })),
      reasons: [...e.reasons],
      providerId: e.id,
      providerName: e.provider.name,
    })),
    timings: { prefilterMs: round(t1 - t0), rankMs: round(t2 - t1) },
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * The providers of each demand's top-`topN` ranked solutions (what matchDemandInDb's first `topN`
 * entries come from), for many demands at once: one market load for the union of their prefilter
 * tags and case industries, then rankSolutions per demand. Identical to ranking each demand on its
 * own: an entry's score depends only on the demand, the entry and its own provider (whose cases are
 * counted in the demand's industry only), and the extra candidates the union brings cover nothing
 * that demand asked for — they rank after every covering entry and are dropped, as the prefilter drops them.
 */
export async function matchedProvidersInDb(
  db: Executor,
  list: readonly Demand[],
  topN: number,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (list.length === 0) return out;
  const catalogue = await sceneCatalogue(db);
  const tags = new Set<string>();
  const inds = new Set<string>();
  for (const d of list) {
    for (const t of prefilterTags(d.sceneIds, catalogue)) tags.add(t);
    if (d.industry !== undefined) inds.add(d.industry);
  }
  const market = await loadMarket(db, [...tags], [...inds]);
  for (const d of list) {
    const ranked = rankSolutions(d, market.solutions, market.providersById, {
      sceneGroups: catalogue.groups,
      limit: topN,
    });
    const covering = ranked.entries.filter((e) => e.coversDemand);
    out.set(d.id, [...new Set(covering.map((e) => e.item.providerId))]);
  }
  return out;
}
