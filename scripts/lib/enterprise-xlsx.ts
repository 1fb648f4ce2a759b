import { stat } from "node:fs/promises";
import type { GeneratedEnterprise } from "@dxcenter/db";
import { ENTERPRISE_SIZE_LABELS, SRDI_TIER_LABELS } from "@dxcenter/domain";
import ExcelJS from "exceljs";
import { COLUMNS, type ColumnKey } from "../../apps/server/src/modules/enterprises/enterprise-excel";

/**
 * Writes generated enterprises as an import file in the exact template layout (COLUMNS of
 * enterprise-excel.ts): one header row of the template texts, then one row per enterprise with
 * the cell values the importer expects (district name, "C26 化学原料…" industry, 是/否, 大型/中型/…,
 * 专精特新 labels, 营业收入 in 万元 as a number). The template holds one year per row, so the latest
 * year of each enterprise is written.
 */

export interface ReferenceNames {
  districts: { code: string; name: string }[];
  industries: { code: string; name: string }[];
}

type Cell = string | number;

const yesNo = (b: boolean | null): string => (b === null ? "" : b ? "是" : "否");

export function makeRowMapper(ref: ReferenceNames) {
  const districtName = new Map(ref.districts.map((d) => [d.code, d.name]));
  const industryLabel = new Map(ref.industries.map((i) => [i.code, `${i.code} ${i.name}`]));
  return (g: GeneratedEnterprise): Record<ColumnKey, Cell> => {
    const latest = g.annual.reduce<GeneratedEnterprise["annual"][number] | undefined>(
      (a, b) => (a === undefined || b.year > a.year ? b : a),
      undefined,
    );
    const district = districtName.get(g.districtCode);
    const industry = industryLabel.get(g.industryCode);
    if (!district) throw new Error(`区代码 ${g.districtCode} 不在参考数据中`);
    if (!industry) throw new Error(`行业代码 ${g.industryCode} 不在参考数据中`);
    return {
      uscc: g.uscc,
      name: g.name,
      district,
      industry,
      aboveScale: g.aboveScale ? "是" : "否",
      size: ENTERPRISE_SIZE_LABELS[g.size],
      srdiTier: g.srdiTier === "none" ? "" : SRDI_TIER_LABELS[g.srdiTier],
      contactName: g.contactName,
      contactPhone: g.contactPhone,
      address: g.address,
      tags: g.tags.join("、"),
      digitalRdTools: yesNo(g.digitalRdTools),
      keyProcessNcRate: g.keyProcessNcRate ?? "",
      cloudAdopted: yesNo(g.cloudAdopted),
      itfCertified: yesNo(g.itfCertified),
      dcmmLevel: g.dcmmLevel ?? "",
      cmmmLevel: g.cmmmLevel ?? "",
      year: latest?.year ?? "",
      // Whole 元 in 分, so at most 4 decimals in 万元: the shortest double repr is the exact decimal.
      revenueWan: latest ? latest.revenueFen / 1_000_000 : "",
      employees: latest?.employees ?? "",
    };
  };
}

export interface WriteXlsxOptions {
  /** Excel/WPS write a shared-strings table; exceljs' streaming writer defaults to inline strings. */
  sharedStrings?: boolean;
  onRow?: (written: number) => void;
}

/** Streams rows into `filename` with exceljs' WorkbookWriter (constant memory); returns rows and bytes. */
export async function writeEnterprisesXlsx(
  filename: string,
  rows: Iterable<GeneratedEnterprise>,
  ref: ReferenceNames,
  opts: WriteXlsxOptions = {},
): Promise<{ rows: number; bytes: number }> {
  const toRow = makeRowMapper(ref);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename,
    useSharedStrings: opts.sharedStrings ?? false,
    useStyles: true,
  });
  wb.creator = "dxcenter generate-enterprises";
  const ws = wb.addWorksheet("企业信息");
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for (const g of rows) {
    ws.addRow(toRow(g)).commit();
    n++;
    if (n % 1000 === 0) {
      opts.onRow?.(n);
      // Let the zip stream drain to the file; the writer has no backpressure of its own.
      await new Promise((r) => setImmediate(r));
    }
  }
  ws.commit();
  await wb.commit();
  opts.onRow?.(n);
  return { rows: n, bytes: (await stat(filename)).size };
}
