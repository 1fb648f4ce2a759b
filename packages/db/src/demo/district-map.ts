import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DistrictTile, TileMapConfig } from "@dxcenter/domain";

/**
 * The city's schematic district map (packages/db/reference/district-map_<city>.json): per-city
 * configuration next to the districts list it draws. Read once, checked for shape here; whether every
 * district has a tile is `tileMapProblems` (domain), run by the test of this file and at start-up.
 */

const file = (name: string) => fileURLToPath(new URL(`../../reference/${name}`, import.meta.url));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function tileOf(v: unknown, i: number, label: string): DistrictTile {
  if (!isRecord(v) || typeof v.code !== "string" || !num(v.x) || !num(v.y))
    throw new Error(`${label}: tiles[${i}] needs code, x and y`);
  if ((v.w !== undefined && !num(v.w)) || (v.h !== undefined && !num(v.h)))
    throw new Error(`${label}: tiles[${i}] w/h must be numbers`);
  return {
    code: v.code,
    x: v.x,
    y: v.y,
    ...(num(v.w) ? { w: v.w } : {}),
    ...(num(v.h) ? { h: v.h } : {}),
  };
}

export function parseDistrictMap(text: string, label = "district map"): TileMapConfig {
  const v: unknown = JSON.parse(text);
  if (!isRecord(v) || v.kind !== "schematic-tiles" || !Array.isArray(v.tiles))
    throw new Error(`${label}: expected {kind: "schematic-tiles", tiles: [...]}`);
  for (const k of ["city", "source", "licence"] as const)
    if (typeof v[k] !== "string" || v[k] === "") throw new Error(`${label}: missing "${k}"`);
  return {
    city: String(v.city),
    kind: "schematic-tiles",
    source: String(v.source),
    licence: String(v.licence),
    tiles: v.tiles.map((t, i) => tileOf(t, i, label)),
  };
}

/** The Tianjin layout (the one city configured today). */
export function loadDistrictMap(): TileMapConfig {
  const name = "district-map_tianjin.json";
  return parseDistrictMap(readFileSync(file(name), "utf8"), name);
}
