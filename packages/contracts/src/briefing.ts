import { BRIEFING_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { PageQuery, searchText, sortParams } from "./common";

/** 月度工作简报: a month key ('2026-11'); the briefing reports on one closed month. */
export const BriefingMonth = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "统计月份格式不正确（应为 2026-11）")
  .meta({ description: "统计月份", examples: ["2026-11"] });

export const BriefingListQuery = PageQuery.extend({
  /** Versions of one month. */
  period: BriefingMonth.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(BRIEFING_STATUSES).optional(),
  /** Month text ('2026-1') or the generator's name. */
  q: searchText(),
  ...sortParams(["period", "createdAt", "version"], "period"),
});

export const BriefingItem = z.object({
  id: z.uuid(),
  period: z.string(),
  version: z.number().int(),
  status: z.enum(BRIEFING_STATUSES),
  /** The newest issued version of its month. */
  latest: z.boolean(),
  createdAt: z.string(),
  generatedAt: z.string().nullable(),
  /** The city administrator who asked; null for the scheduled job. */
  generatedByName: z.string().nullable(),
  trigger: z.enum(["manual", "scheduled"]),
  /** SHA-256 of the PDF as issued. */
  sha256: z.string().nullable(),
  pdfBytes: z.number().int().nullable(),
  xlsxBytes: z.number().int().nullable(),
  errorMessage: z.string().nullable(),
});
export type BriefingItem = z.infer<typeof BriefingItem>;

/** A month a briefing can be generated for: closed (its snapshots stored) and what it has so far. */
export const BriefingPeriod = z.object({
  period: z.string(),
  /** Monthly snapshots of the city stored for the month. */
  snapshots: z.number().int(),
  issuedVersions: z.number().int(),
  latestId: z.uuid().nullable(),
  generating: z.boolean(),
});
export type BriefingPeriod = z.infer<typeof BriefingPeriod>;

export const GenerateBriefingRequest = z.object({ period: BriefingMonth });
