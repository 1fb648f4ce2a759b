import { type AccessCase as Case, type MatrixEnv, row } from "./access-case";
import { allowInScope, ENTERPRISE_SCOPE } from "./access-expect";

/**
 * Access-matrix rows of 我的指标 / 指标对比: the matrix enterprise itself, the city and its district
 * read it; 和平区's administrator does not find it (404, as for an unknown id); providers, experts
 * and departments 403.
 */
export function enterpriseBenchmarkCases(env: MatrixEnv): Case[] {
  return [
    row("GET", "/api/enterprises/:id/benchmark", allowInScope(200, ENTERPRISE_SCOPE), {
      url: () => `/api/enterprises/${env.entId()}/benchmark`,
    }),
  ];
}
