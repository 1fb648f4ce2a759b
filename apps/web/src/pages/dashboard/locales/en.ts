import type zh from "./zh-CN";

const en: typeof zh = {
  dashboard: {
    title: "Overview",
    total: "Enterprises",
    aboveScale: "Above designated size",
    srdi: "Specialised & innovative",
    byDistrict: "Enterprises by district",
    byIndustry: "Enterprises by industry (manufacturing divisions)",
    seriesTotal: "Enterprises",
    seriesAboveScale: "Above designated size",
    unit: "",
  },
};

export default en;
