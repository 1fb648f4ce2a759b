import { type AccessCase as Case, type MatrixEnv, row } from "./access-case";
import { allow, allowInScope, BUREAUS, cityOnly, ENTERPRISE_SCOPE } from "./access-expect";

/**
 * Access-matrix rows of 梯度培育 certifications: every signed-in role reads the programmes; the city,
 * the districts and the enterprise read certifications (their scope), only the city records; no
 * certification id exists in the matrix, so readers get 404 for an id, for reads and steps alike;
 * the ladder is the registry's scope; the certificate check answers anyone, 404 for an unknown number.
 */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const readers = [...BUREAUS, "enterprise"] as const;
let serial = 0;

export function certificationCases(env: MatrixEnv): Case[] {
  const step = (name: string, body: object) =>
    row("POST", `/api/certifications/:id/${name}`, allow(404, readers), {
      url: `/api/certifications/${NO_ID}/${name}`,
      body: () => body,
    });
  return [
    row("GET", "/api/programmes", { anonymous: 401, default: 200 }),
    row(
      "GET",
      "/api/programmes/:id",
      { anonymous: 401, default: 200 },
      { url: "/api/programmes/smart-factory" },
    ),
    row("GET", "/api/certifications", allow(200, readers)),
    row("GET", "/api/certifications/export", allow(200, readers)),
    row("POST", "/api/certifications", cityOnly(201), {
      body: () => ({
        enterpriseId: env.entId(),
        programmeId: "cmmm",
        levelId: "level-3",
        source: "external",
        validFrom: "2026-01-01",
        certificateNo: `CMMM-MATRIX-${++serial}`,
        issuingBody: "矩阵测试评估机构",
      }),
    }),
    row("GET", "/api/certifications/:id", allow(404, readers), { url: `/api/certifications/${NO_ID}` }),
    step("revoke", { reason: "测试", version: 1 }),
    step("confirm", { version: 1 }),
    step("reject", { reason: "测试", version: 1 }),
    row("GET", "/api/enterprises/:id/ladder", allowInScope(200, ENTERPRISE_SCOPE), {
      url: () => `/api/enterprises/${env.entId()}/ladder`,
    }),
    row(
      "GET",
      "/api/public/certificates/:no",
      { default: 404 },
      { url: "/api/public/certificates/NO-SUCH-0001" },
    ),
  ];
}
