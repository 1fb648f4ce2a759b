import type zh from "./zh-CN";

const en: typeof zh = {
  workbench: {
    title: "Workbench",
    welcome: "Welcome, {{name}}",
    role: "Role",
    organization: "Organisation",
    noOrganization: "Not provided",
    modules: "Your modules",
    open: "Open",
  },
};

export default en;
