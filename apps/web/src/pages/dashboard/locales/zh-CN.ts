const zh = {
  dashboard: {
    title: "概览",
    total: "企业总数",
    aboveScale: "规上企业",
    srdi: "专精特新",
    byDistrict: "各区企业分布",
    byIndustry: "行业分布（制造业大类）",
    seriesTotal: "企业数",
    seriesAboveScale: "规上企业数",
    unit: "家",
  },
};

export default zh;
