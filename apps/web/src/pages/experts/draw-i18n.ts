/** Strings of the expert draw of a diagnosis team / project review (merged under `draw`). */
export const drawZh = {
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
};

export const drawEn: typeof drawZh = {
  button: {
    diagnosis: "Draw diagnosis experts",
    project_review: "Draw review experts",
    pool_review: "Draw review experts",
  },
  title: {
    diagnosis: "Random draw of diagnosis experts",
    project_review: "Random draw of project review experts",
    pool_review: "Random draw of review experts",
  },
  hint: {
    diagnosis:
      "The server picks a random seed and draws from active experts with an account, avoiding the same organisation, declared conflicts, recent service to this enterprise and recent panel-mates. Drawn experts join the diagnosis team and are invited; a decline is replaced from the record.",
    project_review:
      "The server picks a random seed and draws from active experts with an account, avoiding the same organisation, declared conflicts, recent service to or reviews of this enterprise and recent panel-mates. Drawn experts become this project's reviewers; a decline is replaced from the record.",
    pool_review: "The server picks a random seed; the same avoidance rules apply.",
  },
  n: "Experts",
  fields: "Fields (any of)",
  fieldsPlaceholder: "Press Enter to add; empty = any",
  serviceMonths: "Recent service avoidance (months)",
  togetherMonths: "Recent panel-mate avoidance (months)",
  maxPanels: "Max panels per year",
  unlimited: "No limit",
  submit: "Draw",
  done: "Experts drawn and invited",
  record: "Draw record (seed, avoidance details, re-run)",
  drawn: "Drawn at random",
};
