import type { BenchmarkFact } from "@dxcenter/domain";

const zh = {
  benchmark: {
    tabOwn: "我的指标",
    tabBureau: "指标对比",
    intro: "与本区（{{district}}）和本行业（{{industry}}）企业对比；不显示任何其他企业的数据。",
    indicator: "指标",
    own: "本企业",
    district: "本区：{{name}}",
    industry: "本行业：{{name}}",
    fact: {
      miit_score: "数字化水平自评估得分",
      nc_rate: "关键工序数控化率",
      rd_tools: "数字化研发设计工具",
      cloud: "上云",
      diagnosed_5y: "近5年诊断/评估覆盖",
      projects: "技改项目（已立项）",
      project_investment: "技改项目完成投资",
    } satisfies Record<BenchmarkFact, string>,
    aboveDistrict: "高于本区 {{value}}% 的企业",
    aboveIndustry: "高于本行业 {{value}}% 的企业",
    share: "{{value}}% 的企业具备",
    median: "中位数 {{value}}",
    size: "{{size}} 家企业",
    hidden: "对比样本不足5家，不予显示",
    noValue: "暂无数据",
    score: "{{value}}分",
    count: "{{value}}项",
    wan: "{{value}}万元",
  },
};
export default zh;
