import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Reference tables shipped in packages/db/reference: Tianjin's county-level divisions (GB/T 2260,
 * current and abolished) and the GB/T 4754-2017 manufacturing divisions C13–C43.
 */

export interface ReferenceDistrict {
  code: string;
  name: string;
  status: "current" | "historical";
  sortOrder: number;
}

export interface ReferenceIndustry {
  /** Section letter + division, e.g. "C26". */
  code: string;
  name: string;
}

export interface ReferenceData {
  districts: ReferenceDistrict[];
  industries: ReferenceIndustry[];
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally double-quoted, `""` inside quotes is a quote,
 * quoted fields may hold commas and line breaks; CRLF or LF line ends; a leading UTF-8 BOM is dropped.
 * Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = "";
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && src[i + 1] === "\n") {
      endRow();
      i++;
    } else if (ch === "\n" || ch === "\r") endRow();
    else field += ch;
    i++;
  }
  if (quoted) throw new Error("CSV: unterminated quoted field");
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the header row; every row must have the header's width. */
export function parseCsvRecords(text: string, fileLabel = "CSV"): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((r, n) => {
    if (r.length !== header.length) {
      throw new Error(`${fileLabel}: row ${n + 2} has ${r.length} fields, header has ${header.length}`);
    }
    return Object.fromEntries(header.map((h, k) => [h.trim(), (r[k] as string).trim()]));
  });
}

function field(rec: Record<string, string>, key: string, fileLabel: string): string {
  const v = rec[key];
  if (v === undefined || v === "") throw new Error(`${fileLabel}: missing "${key}"`);
  return v;
}

const referenceFile = (name: string) => fileURLToPath(new URL(`../../reference/${name}`, import.meta.url));

export function parseDistrictsCsv(text: string): ReferenceDistrict[] {
  const label = "districts_tianjin.csv";
  return parseCsvRecords(text, label).map((rec, i) => {
    const code = field(rec, "code", label);
    if (!/^\d{6}$/.test(code)) throw new Error(`${label}: bad district code "${code}"`);
    return {
      code,
      // Drop editorial notes such as "宝坻县 (name UNVERIFIED)"; the status column keeps the caveat.
      name: field(rec, "name", label)
        .replace(/\s*\([^)]*\)\s*$/, "")
        .trim(),
      status: field(rec, "status", label).startsWith("historical") ? "historical" : "current",
      sortOrder: i + 1,
    };
  });
}

export function parseIndustriesCsv(text: string): ReferenceIndustry[] {
  const label = "gbt4754_c.csv";
  return parseCsvRecords(text, label).map((rec) => {
    const section = field(rec, "section", label);
    const division = field(rec, "division", label).padStart(2, "0");
    const code = `${section}${division}`;
    if (!/^[A-T]\d{2}$/.test(code)) throw new Error(`${label}: bad industry code "${code}"`);
    return { code, name: field(rec, "name", label) };
  });
}

/** Reads and parses both reference files (synchronously; they are tiny). */
export function loadReferenceData(): ReferenceData {
  return {
    districts: parseDistrictsCsv(readFileSync(referenceFile("districts_tianjin.csv"), "utf8")),
    industries: parseIndustriesCsv(readFileSync(referenceFile("gbt4754_c.csv"), "utf8")),
  };
}
