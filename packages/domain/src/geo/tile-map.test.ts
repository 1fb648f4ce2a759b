import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DistrictTile, type TileMapConfig, tileArea, tileFeatures, tileMapProblems } from "./tile-map";

const config = (tiles: DistrictTile[]): TileMapConfig => ({
  city: "测试市",
  kind: "schematic-tiles",
  source: "test",
  licence: "test",
  tiles,
});

describe("tileMapProblems", () => {
  const cases: { name: string; tiles: DistrictTile[]; codes: string[]; problems: string[] }[] = [
    {
      name: "every district once, apart",
      tiles: [
        { code: "A", x: 0, y: 0 },
        { code: "B", x: 1, y: 0, h: 2 },
      ],
      codes: ["A", "B"],
      problems: [],
    },
    {
      name: "a district without a tile",
      tiles: [{ code: "A", x: 0, y: 0 }],
      codes: ["A", "B"],
      problems: ["区划代码 B 没有图块"],
    },
    {
      name: "a tile of an unknown code",
      tiles: [
        { code: "A", x: 0, y: 0 },
        { code: "Z", x: 2, y: 0 },
      ],
      codes: ["A"],
      problems: ["区划代码 Z 不是本市现行的区"],
    },
    {
      name: "a district tiled twice (and so overlapping itself)",
      tiles: [
        { code: "A", x: 0, y: 0 },
        { code: "A", x: 0, y: 0 },
      ],
      codes: ["A"],
      problems: ["区划代码 A 出现了不止一次", "区划代码 A 与 A 的图块重叠"],
    },
    {
      name: "an empty tile",
      tiles: [{ code: "A", x: 0, y: 0, w: 0 }],
      codes: ["A"],
      problems: ["区划代码 A 的图块没有面积"],
    },
    {
      name: "a tall tile reaching into the row below",
      tiles: [
        { code: "A", x: 0, y: 0, h: 2 },
        { code: "B", x: 0, y: 1 },
      ],
      codes: ["A", "B"],
      problems: ["区划代码 A 与 B 的图块重叠"],
    },
    {
      name: "tiles that only touch at an edge",
      tiles: [
        { code: "A", x: 0, y: 0, w: 2 },
        { code: "B", x: 2, y: 0 },
      ],
      codes: ["A", "B"],
      problems: [],
    },
  ];
  it.each(cases)("$name", ({ tiles, codes, problems }) => {
    expect(tileMapProblems(config(tiles), codes)).toEqual(problems);
  });
});

describe("tileFeatures", () => {
  it("names each tile by its district and flips rows so that row 0 is at the top", () => {
    const fc0 = tileFeatures(
      config([
        { code: "A", x: 0, y: 0 },
        { code: "B", x: 0, y: 3 },
      ]),
      new Map([
        ["A", "甲区"],
        ["B", "乙区"],
      ]),
    );
    expect(fc0.features.map((f) => f.properties.name)).toEqual(["甲区", "乙区"]);
    const topOf = (i: number) =>
      Math.max(...(fc0.features[i]?.geometry.coordinates[0] ?? []).map((p) => p[1] ?? 0));
    expect(topOf(0)).toBeGreaterThan(topOf(1));
  });

  it("leaves out tiles of districts it has no name for", () => {
    const fc0 = tileFeatures(config([{ code: "A", x: 0, y: 0 }]), new Map());
    expect(fc0.features).toEqual([]);
  });

  it("draws a closed ring with the tile's area for any non-overlapping grid", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
          minLength: 1,
          maxLength: 30,
          selector: ([x, y]) => `${x},${y}`,
        }),
        (cells) => {
          const tiles = cells.map(([x, y]) => ({ code: `${x}-${y}`, x, y }));
          const cfg = config(tiles);
          expect(
            tileMapProblems(
              cfg,
              tiles.map((t) => t.code),
            ),
          ).toEqual([]);
          const features = tileFeatures(cfg, new Map(tiles.map((t) => [t.code, t.code]))).features;
          expect(features).toHaveLength(tiles.length);
          for (const f of features) {
            const ring = f.geometry.coordinates[0] ?? [];
            expect(ring[0]).toEqual(ring[ring.length - 1]);
          }
          for (const t of tiles) expect(tileArea(t)).toBeGreaterThan(0.5);
        },
      ),
    );
  });
});
