import { ReferenceData } from "./reference";
import { routeMap } from "./route";

/** 基础数据: the public code lists (GB/T 2260 districts, GB/T 4754 divisions). */
export const REFERENCE_ROUTES = routeMap({
  "GET /api/reference": {
    summary: "行政区划与行业代码",
    status: 200,
    response: ReferenceData,
  },
});
export type ReferenceRoutes = typeof REFERENCE_ROUTES;
