/**
 * Strings of 服务商资源池 / 我的机构 / 入库评审 / 入库公示 / 专家库 (merged into zh-CN.ts / en.ts under `pool`).
 * The expert-draw screens (抽取表单、抽取记录) are not here yet: they are being reworked.
 */
export const poolZh = {
  availability: {
    label: "可用时间",
    hint: "可参加评审、诊断的日期段（含首尾两天）；不填表示不限",
    add: "添加日期段",
    remove: "删除",
    start: "开始日期",
    end: "结束日期",
    required: "请选择日期段",
    myTitle: "我的可用时间",
    myHint: "市工信局抽取评审专家时，只从可用时间覆盖评审日期的专家中抽取。",
    save: "保存可用时间",
    saved: "可用时间已保存",
    noProfile: "您的账号尚未关联专家库档案，请联系市工信局。",
    none: "未申报（不限）",
    column: "可用时间",
  },
};

export const poolEn: typeof poolZh = {
  availability: {
    label: "Availability",
    hint: "Date ranges when the expert can sit on reviews and diagnoses (both days included); empty = no restriction",
    add: "Add date range",
    remove: "Remove",
    start: "Start date",
    end: "End date",
    required: "Please pick a date range",
    myTitle: "My availability",
    myHint:
      "When the city draws reviewers, only experts whose availability covers the review dates are drawn.",
    save: "Save availability",
    saved: "Availability saved",
    noProfile: "Your account is not linked to an expert profile yet; please contact the city bureau.",
    none: "Not declared (no restriction)",
    column: "Availability",
  },
};
