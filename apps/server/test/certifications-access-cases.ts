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
    ...roundCases(),
  ];
}

/**
 * 认定批次 rows: the city, the districts and enterprises read rounds and applications (their scope);
 * only the city opens rounds; no round or application id exists in the matrix, so readers get 404 for
 * an id (steps and applying included); only the city handles objections (404 for an unknown one);
 * anyone reads 公示/名单, and an objection on an unknown application is 404 for anyone.
 */
function roundCases(): Case[] {
  const idRow = (path: string, body?: object) =>
    row("POST", `/api/${path}`, allow(404, readers), {
      url: `/api/${path.replace(":id", NO_ID)}`,
      ...(body ? { body: () => body } : {}),
    });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return [
    row("GET", "/api/certification-rounds", allow(200, readers)),
    row("POST", "/api/certification-rounds", cityOnly(201), {
      body: () => ({
        name: `矩阵测试批次${++serial}`,
        programmeId: "smart-factory",
        levelId: "advanced",
        applyFrom: today,
        applyTo: today,
        quotas: { "120116": 1 },
      }),
    }),
    row("GET", "/api/certification-rounds/:id", allow(404, readers), {
      url: `/api/certification-rounds/${NO_ID}`,
    }),
    idRow("certification-rounds/:id/close", { version: 1 }),
    idRow("certification-rounds/:id/publish", { version: 1 }),
    idRow("certification-rounds/:id/recognise", { version: 1 }),
    idRow("certification-rounds/:id/applications", { form: {} }),
    row("GET", "/api/certification-applications", allow(200, readers)),
    row("GET", "/api/certification-applications/export", allow(200, readers)),
    row("GET", "/api/certification-applications/:id", allow(404, readers), {
      url: `/api/certification-applications/${NO_ID}`,
    }),
    idRow("certification-applications/:id/recommend", { rank: 1, version: 1 }),
    idRow("certification-applications/:id/return", { note: "退回", version: 1 }),
    idRow("certification-applications/:id/approve", { version: 1 }),
    idRow("certification-applications/:id/reject", { reason: "不通过", version: 1 }),
    row("POST", "/api/certification-objections/:id/handle", cityOnly(404), {
      url: `/api/certification-objections/${NO_ID}/handle`,
      body: () => ({ outcome: "dismissed", note: "不成立" }),
    }),
    row("GET", "/api/public/certification-notices", { default: 200 }),
    row(
      "POST",
      "/api/public/certification-objections",
      { default: 404 },
      {
        body: () => ({ applicationId: NO_ID, name: "王某", contact: "13900000000", content: "异议" }),
      },
    ),
  ];
}
