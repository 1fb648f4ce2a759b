import { z } from "zod";
import { routeMap } from "./route";

/**
 * The 驾驶舱's district map: the city's schematic tiles (packages/db/reference/district-map_<city>.json)
 * as GeoJSON for ECharts, one Polygon feature per current district, named by the district's display
 * name. A schematic, not a surveyed outline; served only to signed-in 驾驶舱 roles.
 */
export const TileFeatureSchema = z.object({
  type: z.literal("Feature"),
  properties: z.object({
    /** The district's display name (what the map series is keyed by). */
    name: z.string(),
    /** 6-digit division code (GB/T 2260). */
    code: z.string(),
  }),
  geometry: z.object({
    type: z.literal("Polygon"),
    /** One closed ring of [x, y] tile coordinates (row 0 at the top: y is negative downwards). */
    coordinates: z.array(z.array(z.array(z.number()))),
  }),
});

export const TileFeatureCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(TileFeatureSchema),
});

export const COCKPIT_MAP_ROUTES = routeMap({
  "GET /api/cockpit/map": {
    summary: "驾驶舱区划示意图：每个区一个带名称的图块（GeoJSON，非测绘边界）",
    status: 200,
    response: TileFeatureCollectionSchema,
  },
});
export type CockpitMapRoutes = typeof COCKPIT_MAP_ROUTES;
