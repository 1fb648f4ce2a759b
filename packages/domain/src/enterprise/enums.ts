export const ENTERPRISE_SIZES = ["large", "medium", "small", "micro"] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
export const ENTERPRISE_SIZE_LABELS: Record<EnterpriseSize, string> = {
  large: "大型",
  medium: "中型",
  small: "小型",
  micro: "微型",
};

/** 优质中小企业梯度培育: 创新型中小企业 → 专精特新中小企业 → 专精特新“小巨人”. */
export const SRDI_TIERS = ["none", "innovative_sme", "srdi_sme", "little_giant"] as const;
export type SrdiTier = (typeof SRDI_TIERS)[number];
export const SRDI_TIER_LABELS: Record<SrdiTier, string> = {
  none: "无",
  innovative_sme: "创新型中小企业",
  srdi_sme: "专精特新中小企业",
  little_giant: "专精特新“小巨人”",
};

/** The registry list's sort keys (the API's `sort`, the web's URL). */
export const ENTERPRISE_SORTS = ["name", "uscc", "revenue", "employees", "updatedAt", "district"] as const;

/** Reverse lookup for imported spreadsheets, which carry the Chinese label. */
export function labelToKey<K extends string>(labels: Record<K, string>, label: string): K | undefined {
  const t = label.trim();
  for (const [k, v] of Object.entries(labels) as [K, string][]) if (v === t || k === t) return k;
  return undefined;
}
