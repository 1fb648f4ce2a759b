import type { ScoreResult } from "@dxcenter/domain";
import type { ScoredPart } from "./report-charts";

/** What one "一企一策" report shows: read by report-data.ts, drawn by report-html.ts. */
export interface EvidenceStatus {
  readonly questionId: string;
  readonly title: string;
  readonly dimensionName: string;
  /** Materials the instrument asks for. */
  readonly required: readonly string[];
  readonly files: readonly { readonly filename: string; readonly size: number }[];
}

export interface OnsiteData {
  /** Planned visit day (YYYY-MM-DD, Shanghai calendar), if scheduled. */
  readonly visitDate: string | null;
  readonly visitedAt: Date | null;
  readonly team: readonly {
    readonly name: string;
    readonly organization: string | null;
    readonly lead: boolean;
  }[];
  readonly conclusion: string | null;
  /** The enterprise's own (self) assessment the on-site result is compared with. */
  readonly self: {
    readonly submittedAt: Date | null;
    readonly total: number;
    readonly maxTotal: number;
    readonly levelName: string;
    readonly dimensions: readonly ScoredPart[];
  } | null;
}

export interface ReportData {
  readonly assessmentId: string;
  readonly kind: "self" | "onsite";
  readonly enterprise: {
    readonly name: string;
    readonly uscc: string;
    readonly districtName: string;
    readonly industry: string;
  };
  readonly instrument: { readonly name: string; readonly version: string };
  readonly submittedAt: Date;
  readonly result: ScoreResult;
  readonly evidence: readonly EvidenceStatus[];
  readonly onsite: OnsiteData | null;
  readonly generatedAt: Date;
}
