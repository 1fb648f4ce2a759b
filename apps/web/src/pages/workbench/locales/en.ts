import type zh from "./zh-CN";

const en: typeof zh = {
  workbench: {
    title: "Workbench",
    welcome: "Welcome, {{name}}",
    role: "Role",
    organization: "Organisation",
    noOrganization: "Not provided",
    upcoming: "Modules coming for you",
    comingSoon: "Coming soon",
    registryNote:
      "Searching the enterprise registry (directory, contact details) is not part of your role; you will work with enterprises through the modules below.",
    modules: {
      provider: [
        "Provider pool: profile, admission and annual evaluation",
        "Solution catalogue (light-weight solutions, cloud products)",
        "Supply–demand matching: matched enterprise needs and matchmaking events",
        "Outcomes: re-assessment change of the enterprises you serve",
      ],
      expert: [
        "Expert pool: your fields and availability",
        "Reviews: upgrade projects, provider admissions",
        "On-site diagnosis and per-enterprise advice reports",
      ],
      department: [
        "Coordination tasks for upgrade projects (land, energy, construction permits)",
        "Task progress and deadline reminders",
        "Monitoring indicators relevant to your department",
      ],
    },
  },
};

export default en;
