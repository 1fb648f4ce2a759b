import { type EnterpriseSize, parseWanYuanToFen, type SrdiTier, validateUscc } from "@dxcenter/domain";
import type { AnnualFigures, Contact, CreateEnterpriseRequest, EnterpriseDetail } from "../../api/types";

/** Yes / no / not reported, for the nullable boolean indicators. */
export type Tri = "yes" | "no" | undefined;

export interface AnnualRow {
  year?: number | null;
  /** 营业收入 typed in 万元 as a decimal string; converted exactly to 分 on save. */
  revenueWan?: string | null;
  employees?: number | null;
}

export interface EnterpriseFormValues {
  uscc: string;
  name: string;
  districtCode?: string;
  industryCode?: string;
  aboveScale?: boolean;
  size?: EnterpriseSize;
  srdiTier: SrdiTier;
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
  tags: string[];
  digitalRdTools?: Tri;
  keyProcessNcRate?: number | null;
  cloudAdopted?: Tri;
  itfCertified?: Tri;
  dcmmLevel?: number | null;
  cmmmLevel?: number | null;
  annual: AnnualRow[];
}

/** The fields of CreateEnterpriseRequest other than uscc, in API form. */
export type EnterpriseBody = Omit<CreateEnterpriseRequest, "uscc">;
export type BodyKey = keyof EnterpriseBody;

export const BODY_KEYS: readonly BodyKey[] = [
  "name",
  "districtCode",
  "industryCode",
  "aboveScale",
  "size",
  "srdiTier",
  "contactName",
  "contactPhone",
  "address",
  "tags",
  "digitalRdTools",
  "keyProcessNcRate",
  "cloudAdopted",
  "itfCertified",
  "dcmmLevel",
  "cmmmLevel",
  "annual",
];

export const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)?$/;

const triFrom = (b: boolean | null | undefined): Tri => (b === true ? "yes" : b === false ? "no" : undefined);
const triTo = (t: Tri): boolean | null => (t === "yes" ? true : t === "no" ? false : null);
const textOrNull = (s: string | null | undefined): string | null => {
  const v = (s ?? "").trim();
  return v === "" ? null : v;
};

/** 分 → exact 万元 decimal string for an input box (no rounding, no separators, no trailing zeros). */
export function fenToWanInput(fen: number | null): string {
  if (fen === null) return "";
  const neg = fen < 0;
  const a = BigInt(Math.abs(fen));
  const int = a / 1_000_000n;
  const frac = (a % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${int.toString()}${frac ? `.${frac}` : ""}`;
}

export function emptyFormValues(districtCode?: string | null): EnterpriseFormValues {
  return {
    uscc: "",
    name: "",
    districtCode: districtCode ?? undefined,
    aboveScale: undefined,
    srdiTier: "none",
    tags: [],
    annual: [],
  };
}

export function toFormValues(e: EnterpriseDetail, contact: Contact | null): EnterpriseFormValues {
  return {
    uscc: e.uscc,
    name: e.name,
    districtCode: e.districtCode,
    industryCode: e.industryCode,
    aboveScale: e.aboveScale,
    size: e.size,
    srdiTier: e.srdiTier,
    contactName: contact ? contact.contactName : e.contactName,
    contactPhone: contact ? contact.contactPhone : e.contactPhone,
    address: e.address,
    tags: e.tags,
    digitalRdTools: triFrom(e.digitalRdTools),
    keyProcessNcRate: e.keyProcessNcRate,
    cloudAdopted: triFrom(e.cloudAdopted),
    itfCertified: triFrom(e.itfCertified),
    dcmmLevel: e.dcmmLevel,
    cmmmLevel: e.cmmmLevel,
    annual: [...e.annual]
      .sort((a, b) => a.year - b.year)
      .map((a) => ({ year: a.year, revenueWan: fenToWanInput(a.revenueFen), employees: a.employees })),
  };
}

function toAnnual(rows: AnnualRow[]): AnnualFigures[] {
  // Order is kept as in the form so that a server error on "annual.2.year" points at the same row.
  return rows.map((r) => {
    const wan = (r.revenueWan ?? "").trim();
    return {
      year: r.year ?? 0,
      revenueFen: wan === "" ? null : parseWanYuanToFen(wan),
      employees: r.employees ?? null,
    };
  });
}

/** Form values → API fields (validated already by the form rules). */
export function toBody(v: EnterpriseFormValues): EnterpriseBody {
  return {
    name: v.name.trim(),
    districtCode: v.districtCode ?? "",
    industryCode: v.industryCode ?? "",
    aboveScale: v.aboveScale ?? false,
    size: v.size ?? "small",
    srdiTier: v.srdiTier,
    contactName: textOrNull(v.contactName),
    contactPhone: textOrNull(v.contactPhone),
    address: textOrNull(v.address),
    tags: v.tags.map((t) => t.trim()).filter((t) => t !== ""),
    digitalRdTools: triTo(v.digitalRdTools),
    keyProcessNcRate: v.keyProcessNcRate ?? null,
    cloudAdopted: triTo(v.cloudAdopted),
    itfCertified: triTo(v.itfCertified),
    dcmmLevel: v.dcmmLevel ?? null,
    cmmmLevel: v.cmmmLevel ?? null,
    annual: toAnnual(v.annual),
  };
}

export function toCreateRequest(v: EnterpriseFormValues): CreateEnterpriseRequest {
  const r = validateUscc(v.uscc);
  return { uscc: r.ok ? r.code : v.uscc.trim(), ...toBody(v) };
}

/** Only the fields that changed and that the user may edit (null = all). */
export function changedFields(
  before: EnterpriseBody,
  after: EnterpriseBody,
  editable: (key: BodyKey) => boolean,
): Partial<EnterpriseBody> {
  const out: Partial<Record<BodyKey, unknown>> = {};
  for (const k of BODY_KEYS) {
    if (!editable(k)) continue;
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) out[k] = after[k];
  }
  return out as Partial<EnterpriseBody>;
}

/** API field path → form field path (revenue is typed in 万元 in the form). */
export function apiPathToFormPath(path: (string | number)[]): (string | number)[] {
  return path.map((p) => (p === "revenueFen" ? "revenueWan" : p));
}
