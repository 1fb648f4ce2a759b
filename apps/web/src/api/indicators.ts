import type {
  Cockpit,
  CockpitCard,
  CockpitMapRoutes,
  CockpitQuery,
  DistrictValues,
  DistrictValuesQuery,
  Drill,
  DrillQuery,
  Indicator,
  IndicatorRoutes,
  TileFeatureCollectionSchema,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { routeClient } from "./call";
import { usePagedQuery } from "./queries";

/**
 * 监测分析预警 API: the indicator catalogue, the 驾驶舱 (cards, district values) and the district
 * map geometry, as react-query hooks typed from the contract maps (types only: no zod in the bundle).
 */
export type { Cockpit, CockpitCard, DistrictValues, Drill, Indicator };
export type DrillParams = z.input<typeof DrillQuery>;
export type DrillItem = Drill["items"][number];
export type CockpitParams = z.input<typeof CockpitQuery>;
export type DistrictValuesParams = z.input<typeof DistrictValuesQuery>;
export type DistrictValueItem = DistrictValues["items"][number];
export type CockpitFigure = CockpitCard["figure"];
export type TileMap = z.output<typeof TileFeatureCollectionSchema>;

const call = routeClient<IndicatorRoutes>();
const callMap = routeClient<CockpitMapRoutes>();

export const indicatorKeys = {
  catalogue: ["indicators", "catalogue"] as const,
  cockpit: (p: CockpitParams) => ["indicators", "cockpit", p] as const,
  districts: (p: DistrictValuesParams) => ["indicators", "districts", p] as const,
  map: ["indicators", "map"] as const,
  drill: (p: DrillParams) => ["indicators", "drill", p] as const,
};

/** The rows behind one indicator's figure (a page of them, with the whole list's totals). */
export function useDrill(params: DrillParams) {
  return useQuery({
    queryKey: indicatorKeys.drill(params),
    queryFn: ({ signal }) => call("GET /api/cockpit/drill", { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: params.indicator !== "",
  });
}

export function useIndicators() {
  return useQuery({
    queryKey: indicatorKeys.catalogue,
    queryFn: ({ signal }) => call("GET /api/indicators", { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The 驾驶舱's cards for a month (default: the last ended one) and a scope (default: the caller's). */
export function useCockpit(params: CockpitParams) {
  return usePagedQuery(indicatorKeys.cockpit(params), (signal) =>
    call("GET /api/cockpit", { query: params, signal }),
  );
}

/**
 * 刷新 (city administrators): recomputes the open period's provisional figures; the answer is the
 * refreshed 驾驶舱, and every other 驾驶舱 view (districts, ranking, drill-downs) is read again.
 */
export function useRefreshCockpit(params: CockpitParams) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call("POST /api/cockpit/refresh", { body: params }),
    onSuccess: async (data) => {
      qc.setQueryData(indicatorKeys.cockpit(params), data);
      await qc.invalidateQueries({ queryKey: ["indicators"] });
    },
  });
}

/** One indicator's value per district (map colours and ranking); disabled until an indicator is chosen. */
export function useDistrictValues(params: DistrictValuesParams, enabled = true) {
  return useQuery({
    queryKey: indicatorKeys.districts(params),
    queryFn: ({ signal }) => call("GET /api/cockpit/districts", { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: enabled && params.indicator !== "",
  });
}

/** The schematic district tiles (GeoJSON); they change only with the city's configuration. */
export function useDistrictMapGeometry(enabled = true) {
  return useQuery({
    queryKey: indicatorKeys.map,
    queryFn: ({ signal }) => callMap("GET /api/cockpit/map", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}
