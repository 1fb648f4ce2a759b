import type zh from "./zh-CN";

const en: typeof zh = {
  benchmark: {
    tabOwn: "My indicators",
    tabBureau: "Benchmark",
    intro:
      "Compared with the enterprises of its district ({{district}}) and industry ({{industry}}); no other enterprise's figures are shown.",
    indicator: "Indicator",
    own: "This enterprise",
    district: "District: {{name}}",
    industry: "Industry: {{name}}",
    fact: {
      miit_score: "Digital maturity self-assessment score",
      nc_rate: "NC rate of key processes",
      rd_tools: "Digital R&D design tools",
      cloud: "On the cloud",
      diagnosed_5y: "Diagnosed/assessed in the last 5 years",
      projects: "Upgrade projects (approved)",
      project_investment: "Upgrade investment completed",
    },
    aboveDistrict: "Ahead of {{value}}% of the district's enterprises",
    aboveIndustry: "Ahead of {{value}}% of the industry's enterprises",
    share: "{{value}}% of enterprises have it",
    median: "Median {{value}}",
    size: "{{size}} enterprises",
    hidden: "Fewer than 5 enterprises to compare with: not shown",
    noValue: "No data",
    score: "{{value}} pts",
    count: "{{value}}",
    wan: "{{value}} 10k CNY",
  },
};
export default en;
