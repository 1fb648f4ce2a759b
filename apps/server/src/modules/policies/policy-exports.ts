import {
  AWARD_STATUS_LABELS,
  type AwardItem,
  type AwardListQuery,
  type PolicyItem,
  type PolicyListQuery,
} from "@dxcenter/contracts";
import type { Database } from "@dxcenter/db";
import { type BENEFICIARY_KINDS, formatFenAsWanYuan, POLICY_LEVEL_LABELS } from "@dxcenter/domain";
import type { z } from "zod";
import { listPages } from "../../lib/pages";
import type { TableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { listAwards } from "./award.queries";
import { iteratePoliciesForExport } from "./policy.service";

/** The two downloads of the module, column by column: the policy catalogue and the award list. */

const BENEFICIARY_LABELS: Record<(typeof BENEFICIARY_KINDS)[number], string> = {
  enterprise: "企业",
  project: "项目",
};

export function policyCatalogueExport(
  db: Database,
  query: Omit<z.output<typeof PolicyListQuery>, "page" | "pageSize">,
): TableExport<PolicyItem> {
  return {
    filename: "政策库.xlsx",
    sheet: "政策库",
    columns: [
      { header: "政策编号", width: 36, value: (p) => p.id },
      { header: "版本", width: 14, value: (p) => p.version },
      { header: "政策名称", width: 40, value: (p) => p.name },
      { header: "层级", width: 10, value: (p) => POLICY_LEVEL_LABELS[p.level] },
      { header: "适用地区", width: 12, value: (p) => p.region },
      { header: "支持对象", width: 10, value: (p) => BENEFICIARY_LABELS[p.beneficiary] },
      { header: "计算方法", width: 60, value: (p) => p.formulaText },
      { header: "生效日期", width: 12, value: (p) => p.validFrom ?? "未载明" },
      { header: "截止日期", width: 12, value: (p) => p.validUntil ?? "未载明" },
      { header: "今日有效", width: 10, value: (p) => (p.validToday ? "是" : "否") },
      { header: "待市里设定的参数", width: 16, value: (p) => p.unsetParameters },
      { header: "待确认事项", width: 12, value: (p) => p.unconfirmed },
      { header: "来源文件", width: 60, value: (p) => p.document },
    ],
    pages: (user) => iteratePoliciesForExport(db, user, query),
    audit: { action: "policy.export", entityType: "policy" },
  };
}

const wan = (fen: number) => formatFenAsWanYuan(fen, 6);

export function awardListExport(
  db: Database,
  query: Omit<z.output<typeof AwardListQuery>, "page" | "pageSize">,
): TableExport<AwardItem> {
  return {
    filename: "政策兑现清单.xlsx",
    sheet: "政策兑现",
    columns: [
      { header: "企业名称", width: 36, value: (a) => a.enterpriseName },
      { header: "所属区", width: 12, value: (a) => a.districtName },
      { header: "政策", width: 40, value: (a) => a.policyName },
      { header: "政策版本", width: 14, value: (a) => a.policyVersion },
      { header: "状态", width: 22, value: (a) => AWARD_STATUS_LABELS[a.status] },
      { header: "金额（万元）", width: 14, value: (a) => wan(a.amountFen) },
      { header: "已拨付（万元）", width: 14, value: (a) => wan(a.paidFen) },
      {
        header: "资金分担",
        width: 40,
        value: (a) => a.shares.map((s) => `${s.payerLabel} ${wan(s.amountFen)}万元`).join("；"),
      },
      { header: "识别时间", width: 20, value: (a) => shanghaiTime(a.identifiedAt) },
      { header: "区级确认时间", width: 20, value: (a) => shanghaiTime(a.districtConfirmedAt) },
      { header: "企业确认时间", width: 20, value: (a) => shanghaiTime(a.enterpriseConfirmedAt) },
      { header: "拨付完成时间", width: 20, value: (a) => shanghaiTime(a.paidAt) },
      { header: "放弃/撤销原因", width: 30, value: (a) => a.closeReason },
    ],
    pages: (user) => listPages(listAwards, db, user, query),
    audit: { action: "policy_award.export", entityType: "policy_award" },
  };
}
