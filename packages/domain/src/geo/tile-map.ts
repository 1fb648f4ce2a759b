/**
 * A schematic district map: each district is a labelled tile at its rough position (column x, row y,
 * row 0 at the top), not a surveyed outline. Publishing real boundaries needs a 审图号 and a licence
 * for the data; tiles need neither and still show "which part of the city is behind". The tile layout
 * is per-city configuration (packages/db/reference/district-map_<city>.json); this file turns it into
 * the GeoJSON ECharts draws, and checks it.
 */

export interface DistrictTile {
  /** 6-digit division code of the district (reference districts table). */
  readonly code: string;
  readonly x: number;
  readonly y: number;
  /** Width and height in tiles (default 1). */
  readonly w?: number;
  readonly h?: number;
}

export interface TileMapConfig {
  readonly city: string;
  readonly kind: "schematic-tiles";
  /** Where the layout comes from and under which licence it may be shipped. */
  readonly source: string;
  readonly licence: string;
  readonly tiles: readonly DistrictTile[];
}

export interface TileFeature {
  readonly type: "Feature";
  readonly properties: { readonly name: string; readonly code: string };
  readonly geometry: { readonly type: "Polygon"; readonly coordinates: number[][][] };
}

export interface TileFeatureCollection {
  readonly type: "FeatureCollection";
  readonly features: TileFeature[];
}

/** A gap between tiles so that neighbours read as separate districts. */
const GAP = 0.06;

const sizeOf = (t: DistrictTile) => ({ w: t.w ?? 1, h: t.h ?? 1 });

/** The tile's outline as a closed ring; y is flipped so that row 0 is drawn at the top. */
function ring(t: DistrictTile): number[][] {
  const { w, h } = sizeOf(t);
  const x0 = t.x + GAP;
  const x1 = t.x + w - GAP;
  const yTop = -(t.y + GAP);
  const yBottom = -(t.y + h - GAP);
  return [
    [x0, yTop],
    [x1, yTop],
    [x1, yBottom],
    [x0, yBottom],
    [x0, yTop],
  ];
}

/**
 * GeoJSON for ECharts' registerMap. Features are named by the district's display name (what the
 * series data is keyed by); tiles of districts missing from `names` are left out.
 */
export function tileFeatures(
  config: TileMapConfig,
  names: ReadonlyMap<string, string>,
): TileFeatureCollection {
  const features: TileFeature[] = [];
  for (const t of config.tiles) {
    const name = names.get(t.code);
    if (name === undefined) continue;
    features.push({
      type: "Feature",
      properties: { name, code: t.code },
      geometry: { type: "Polygon", coordinates: [ring(t)] },
    });
  }
  return { type: "FeatureCollection", features };
}

/** The area a tile covers (in tiles); a tile with no area draws nothing. */
export function tileArea(t: DistrictTile): number {
  const { w, h } = sizeOf(t);
  return Math.max(0, w - 2 * GAP) * Math.max(0, h - 2 * GAP);
}

function overlaps(a: DistrictTile, b: DistrictTile): boolean {
  const sa = sizeOf(a);
  const sb = sizeOf(b);
  return a.x < b.x + sb.w && b.x < a.x + sa.w && a.y < b.y + sb.h && b.y < a.y + sa.h;
}

/**
 * What is wrong with a layout for a city's current districts: a district with no tile or an empty
 * one, a tile for an unknown code, a district tiled twice, two tiles on top of each other.
 * An empty list means every district is drawn, once, apart from the others.
 */
export function tileMapProblems(config: TileMapConfig, districtCodes: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(districtCodes);
  const seen = new Set<string>();
  for (const t of config.tiles) {
    if (!known.has(t.code)) problems.push(`区划代码 ${t.code} 不是本市现行的区`);
    if (seen.has(t.code)) problems.push(`区划代码 ${t.code} 出现了不止一次`);
    seen.add(t.code);
    const { w, h } = sizeOf(t);
    if (!(w > 2 * GAP && h > 2 * GAP) || !Number.isFinite(t.x) || !Number.isFinite(t.y))
      problems.push(`区划代码 ${t.code} 的图块没有面积`);
  }
  for (const code of districtCodes) if (!seen.has(code)) problems.push(`区划代码 ${code} 没有图块`);
  config.tiles.forEach((a, i) => {
    for (const b of config.tiles.slice(i + 1))
      if (overlaps(a, b)) problems.push(`区划代码 ${a.code} 与 ${b.code} 的图块重叠`);
  });
  return problems;
}
