import { tileArea, tileFeatures, tileMapProblems } from "@dxcenter/domain";
import { describe, expect, it } from "vitest";
import { loadDistrictMap, parseDistrictMap } from "./district-map";
import { loadReferenceData } from "./reference-data";

describe("the city's district map", () => {
  const map = loadDistrictMap();
  const current = loadReferenceData().districts.filter((d) => d.status === "current");

  it("has a non-empty shape for every current district, and none for anything else", () => {
    expect(current).toHaveLength(16);
    expect(
      tileMapProblems(
        map,
        current.map((d) => d.code),
      ),
    ).toEqual([]);
    const features = tileFeatures(map, new Map(current.map((d) => [d.code, d.name]))).features;
    expect(features.map((f) => f.properties.name).sort()).toEqual(current.map((d) => d.name).sort());
    for (const t of map.tiles) expect(tileArea(t)).toBeGreaterThan(0);
  });

  it("cites where the layout comes from and under which licence", () => {
    expect(map.source).toMatch(/districts_tianjin\.csv/);
    expect(map.licence.length).toBeGreaterThan(20);
  });

  it("refuses a file without tiles or with a tile missing its position", () => {
    expect(() => parseDistrictMap('{"kind":"schematic-tiles"}')).toThrow(/tiles/);
    expect(() =>
      parseDistrictMap(
        '{"kind":"schematic-tiles","city":"c","source":"s","licence":"l","tiles":[{"code":"1"}]}',
      ),
    ).toThrow(/tiles\[0\]/);
  });
});
