import { z } from "zod";
import { IdParam, pageOf } from "./common";
import { routeMap } from "./route";
import {
  MySolutionListQuery,
  SceneOption,
  SolutionInput,
  SolutionItem,
  SolutionListQuery,
  SolutionUpdate,
} from "./solution";

/** 解决方案目录: the JSON routes of the catalogue (the two exports stay file routes). */
export const SOLUTION_ROUTES = routeMap({
  "GET /api/solutions": {
    summary: "公开解决方案目录（无需登录；仅已入库服务商的已发布方案）",
    query: SolutionListQuery,
    status: 200,
    response: pageOf(SolutionItem),
  },
  "GET /api/solutions/scenes": {
    summary: "场景与子领域（评估量表中的场景，用于方案标签和需求）",
    status: 200,
    response: z.array(SceneOption),
  },
  "GET /api/solutions/mine": {
    summary: "本机构的解决方案（服务商账号；含草稿与下架）",
    query: MySolutionListQuery,
    status: 200,
    response: pageOf(SolutionItem),
  },
  "POST /api/solutions": {
    summary: "新建解决方案（服务商账号，存为草稿）",
    body: SolutionInput,
    status: 201,
    response: SolutionItem,
  },
  "GET /api/solutions/:id": {
    summary: "解决方案详情（公开方案无需登录）",
    params: IdParam,
    status: 200,
    response: SolutionItem,
  },
  "PATCH /api/solutions/:id": {
    summary: "修改、发布或下架解决方案（本机构；须带 version）",
    params: IdParam,
    body: SolutionUpdate,
    status: 200,
    response: SolutionItem,
  },
});
export type SolutionRoutes = typeof SOLUTION_ROUTES;
