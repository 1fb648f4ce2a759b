import {
  type AssignmentStatus,
  AVOIDANCE_RULE_LABELS,
  type AvoidanceRule,
  DRAW_PURPOSE_LABELS,
  type DrawPurpose,
} from "@dxcenter/domain";

/**
 * Strings of the expert draw (form, 抽取详情 record page, invitation answers) merged under `draw`.
 * Purpose and avoidance-rule labels come from @dxcenter/domain in Chinese (the server's reasons and
 * exports use them); English has its own maps keyed by the same ids.
 */
const zh = {
  draw: {
    button: {
      diagnosis: "随机抽取诊断专家",
      project_review: "随机抽取评审专家",
      pool_review: "随机抽取评审专家",
    },
    title: {
      diagnosis: "随机抽取诊断专家",
      project_review: "随机抽取项目评审专家",
      pool_review: "随机抽取评审专家",
    },
    hint: {
      diagnosis:
        "系统生成随机种子，从已开通账号的在库专家中抽取，自动回避同单位、申报利益冲突、近期服务过该企业、近期同组的专家；抽中专家加入诊断团队并收到邀请，谢绝时按记录补抽。",
      project_review:
        "系统生成随机种子，从已开通账号的在库专家中抽取，自动回避同单位、申报利益冲突、近期服务或评审过该企业、近期同组的专家；抽中专家成为本项目评审专家，谢绝时按记录补抽。",
      pool_review: "系统生成随机种子抽取评审专家，回避规则同上。",
    },
    n: "抽取人数",
    fields: "专业领域（任一）",
    fieldsPlaceholder: "回车添加，不填则不限",
    serviceMonths: "近期服务回避（月）",
    togetherMonths: "近期同组回避（月）",
    maxPanels: "年度评审上限",
    unlimited: "不限",
    submit: "随机抽取",
    done: "已随机抽取专家并发出邀请",
    record: "抽取记录（种子、回避明细与复核）",
    drawn: "已随机抽取",
    purposes: { ...DRAW_PURPOSE_LABELS } satisfies Record<DrawPurpose, string>,
    rules: { ...AVOIDANCE_RULE_LABELS } satisfies Record<AvoidanceRule, string>,
    /** An invitation's answer (expert_assignments.status). */
    answers: { invited: "待答复", accepted: "已接受", declined: "已谢绝" } satisfies Record<
      AssignmentStatus,
      string
    >,
    firstRound: "首轮",
    redrawRound: "补抽第 {{n}} 轮",
    listSep: "、",
    clauseSep: "；",
    /** 抽取详情 (/experts/draws/:id). */
    list: {
      search: "评审对象",
      purpose: "事项",
      exportName: "专家抽取记录.xlsx",
      drawnAt: "抽取时间",
      subject: "评审对象",
      seed: "随机种子",
      selected: "抽中专家",
      pool: "库内 / 通过回避",
      round: "补抽",
      rounds: "{{n}} 轮",
      by: "操作人",
    },
    detail: {
      title: "专家抽取 · {{subject}}",
      verify: "复核抽取",
      seed: "随机种子",
      algorithm: "算法",
      drawDate: "抽取日期",
      operator: "操作",
      n: "抽取人数",
      fields: "专业领域",
      anyField: "不限",
      avoidance: "回避设置",
      avoidanceText:
        "近期服务回避 {{service}} 个月；近期同组回避 {{together}} 个月；{{workload}}；同单位、申报利益冲突一律回避",
      workloadLimit: "{{months}} 个月内最多 {{max}} 次",
      workloadNone: "不限评审次数",
      applicant: "申请单位",
      history: "读取的历史",
      historyValue: "服务记录 {{services}} 条、抽取记录 {{draws}} 条",
      pool: "专家库",
      poolValue: "{{size}} 人，通过回避 {{eligible}} 人",
      subject: "对象",
      subjectValue: "{{purpose}}：{{label}}",
      snapshot: "专家库快照",
      intact: "校验一致",
      tampered: "校验不一致",
      embedded: "随记录内嵌保存",
      selectedTitle: "抽中专家（当前）",
      expert: "专家",
      organization: "单位",
      matchedFields: "匹配领域",
      stage: "方式",
      stageCoverage: "领域覆盖",
      stageRandom: "随机",
      round: "轮次",
      answer: "邀请答复",
      rating: "专家评价",
      declined: "谢绝：{{list}}",
      declinedItem: "{{name}}（第 {{round}} 轮补抽）",
      excludedTitle: "回避与排除（{{n}} 人）",
      rules: "规则",
      reasons: "原因",
    },
    /** 专家评价 of one drawn expert on the record page. */
    rate: {
      open: "评价",
      change: "修改评价",
      title: "评价专家：{{name}}",
      ok: "提交评价",
      done: "已提交评价",
      hint: "按本次评审/诊断中的专业水平、履职态度和意见质量评分（1–5 星），计入专家库的专家评价。",
      commentPlaceholder: "评价意见（选填）",
    },
  },
};

export default zh;
