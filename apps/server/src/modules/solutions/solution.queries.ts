import type { SolutionItem } from "@dxcenter/contracts";
import { type Executor, providers, solutions } from "@dxcenter/db";
import type { SolutionKind } from "@dxcenter/domain";
import { asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { countRows, listOrder, type PageRequest, pageOfSelect } from "../../lib/list-query";
import { type SceneCatalogue, sceneCatalogue } from "./scenes";

/**
 * The catalogue's SQL: a solution row with its provider, the public condition, the service-area and
 * tag conditions, and one page of entries. Read by the catalogue service and by matching (which ranks
 * the same rows), so it imports nothing from either.
 */

function base(db: Executor) {
  return db
    .select({ s: solutions, providerName: providers.name, providerStatus: providers.status })
    .from(solutions)
    .innerJoin(providers, eq(providers.id, solutions.providerId));
}
export type SolutionRow = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

/** The public catalogue: published entries of admitted providers only. */
export const publicCondition = sql`(${solutions.status} = 'published' and ${providers.status} = 'admitted')`;

export const textArray = (xs: readonly string[]) =>
  xs.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        xs.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`;

/** Service area (the solution's own, else the provider's) covers a GB/T 2260 district. */
export function servesDistrictSql(districtCode: string): SQL {
  const covering = [districtCode, `${districtCode.slice(0, 4)}00`, `${districtCode.slice(0, 2)}0000`];
  return sql`(case when cardinality(${solutions.serviceDistricts}) > 0 then ${solutions.serviceDistricts} else ${providers.serviceDistricts} end) && ${textArray(covering)}`;
}

/** The price a list sorts and filters by: the lower bound, else the upper one. */
export const priceOrder = sql`coalesce(${solutions.priceMinFen}, ${solutions.priceMaxFen})`;

const SORT = { updatedAt: solutions.updatedAt, name: solutions.name, price: priceOrder };

export function toSolutionItem(r: SolutionRow, scenes: SceneCatalogue): SolutionItem {
  const s = r.s;
  return {
    id: s.id,
    providerId: s.providerId,
    providerName: r.providerName,
    providerAdmitted: r.providerStatus === "admitted",
    name: s.name,
    kind: s.kind as SolutionKind,
    category: s.category as SolutionItem["category"],
    summary: s.summary,
    sceneIds: s.sceneIds,
    sceneNames: s.sceneIds.map((id) => scenes.names[id] ?? id),
    industries: s.industries,
    priceMinFen: s.priceMinFen,
    priceMaxFen: s.priceMaxFen,
    subsidyText: s.subsidyText,
    subsidyFen: s.subsidyFen,
    deployment: s.deployment as SolutionItem["deployment"],
    firstEdition: s.firstEdition,
    serviceDistricts: s.serviceDistricts,
    references: s.references,
    status: s.status,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    updatedAt: s.updatedAt.toISOString(),
    version: s.version,
  };
}

/** One page of catalogue entries under a condition; entries without a price sort last either way. */
export async function solutionPage(
  db: Executor,
  cond: SQL | undefined,
  q: PageRequest & { sort: keyof typeof SORT; order: "asc" | "desc" },
) {
  const scenes = await sceneCatalogue(db);
  const order = [
    ...(q.sort === "price" ? [asc(sql`${priceOrder} is null`)] : []),
    ...listOrder(SORT, q.sort, q.order, solutions.id),
  ];
  return pageOfSelect(
    q,
    base(db)
      .where(cond)
      .orderBy(...order),
    countRows(db, solutions, cond, [providers, eq(providers.id, solutions.providerId)]),
    (r) => toSolutionItem(r, scenes),
  );
}

export async function findSolutionRow(db: Executor, id: string): Promise<SolutionRow | undefined> {
  const [row] = await base(db).where(eq(solutions.id, id)).limit(1);
  return row;
}

/** Several solutions with their providers (the entries a ranking returns). */
export function solutionRowsByIds(db: Executor, ids: readonly string[]) {
  return base(db).where(inArray(solutions.id, [...ids]));
}
