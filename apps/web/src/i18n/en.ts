import assessmentsEn from "../pages/assessments/locales/en";
import auditEn from "../pages/audit/locales/en";
import briefingsEn from "../pages/briefings/locales/en";
import cockpitEn from "../pages/cockpit/locales/en";
import dashboardEn from "../pages/dashboard/locales/en";
import diagnosesEn from "../pages/diagnoses/locales/en";
import enterpriseDetailEn from "../pages/enterprise-detail/locales/en";
import enterprisesEn from "../pages/enterprises/locales/en";
import expertsEn from "../pages/experts/locales/en";
import impactEn from "../pages/impact/locales/en";
import importPageEn from "../pages/import/locales/en";
import reportsEn from "../pages/indicator-reports/locales/en";
import jobsEn from "../pages/jobs/locales/en";
import policiesEn from "../pages/policies/locales/en";
import projectsEn from "../pages/projects/locales/en";
import providersEn from "../pages/providers/locales/en";
import solutionsEn from "../pages/solutions/locales/en";
import tiersEn from "../pages/tiers/locales/en";
import usersEn from "../pages/users/locales/en";
import warningsEn from "../pages/warnings/locales/en";
import workbenchEn from "../pages/workbench/locales/en";
import type { Messages } from "./zh-CN";

const en: Messages = {
  ...assessmentsEn,
  ...auditEn,
  ...briefingsEn,
  ...cockpitEn,
  ...dashboardEn,
  ...diagnosesEn,
  ...enterpriseDetailEn,
  ...enterprisesEn,
  ...expertsEn,
  ...impactEn,
  ...importPageEn,
  ...jobsEn,
  ...policiesEn,
  ...projectsEn,
  ...providersEn,
  ...solutionsEn,
  ...usersEn,
  ...warningsEn,
  ...reportsEn,
  ...tiersEn,
  ...workbenchEn,
  app: {
    name: "Manufacturing Digital Transformation Center",
    fullName: "Manufacturing Digital Transformation Promotion Center — Public Service Platform",
    shortName: "DX Center",
  },
  common: {
    delete: "Delete",
    yes: "Yes",
    no: "No",
    unknown: "Not reported",
    all: "All",
    search: "Search",
    reset: "Reset",
    save: "Save",
    cancel: "Cancel",
    confirm: "OK",
    edit: "Edit",
    create: "New",
    back: "Back",
    close: "Close",
    reload: "Reload",
    loading: "Loading…",
    empty: "No data",
    actions: "Actions",
    total: "{{total}} in total",
    download: "Download",
    exportExcel: "Export Excel",
    exporting: "Exporting…",
    loadFailed: "Failed to load",
    saved: "Saved",
    networkError: "Network error, please check your connection and retry",
    httpError: "Request failed (HTTP {{status}})",
    notFound: "Page not found",
    notFoundHint: "The page you requested does not exist or has been removed.",
    forbidden: "Access denied",
    forbiddenHint: "Your role may not open this page.",
    backHome: "Back to home",
    level: "Level {{level}}",
    yearSuffix: "{{year}}",
    percent: "{{value}}%",
  },
  lang: {
    switchTo: "中文",
    label: "Language",
  },
  role: {
    city_admin: "City bureau",
    district_admin: "District bureau",
    enterprise: "Enterprise",
    provider: "Service provider",
    expert: "Expert",
    department: "Partner department",
  },
  size: {
    large: "Large",
    medium: "Medium",
    small: "Small",
    micro: "Micro",
  },
  srdi: {
    none: "None",
    innovative_sme: "Innovative SME",
    srdi_sme: "Specialised & innovative SME",
    little_giant: "“Little giant”",
  },
  auth: {
    loginTitle: "Sign in",
    username: "Username",
    password: "Password",
    usernameRequired: "Please enter your username",
    passwordRequired: "Please enter your password",
    login: "Sign in",
    failureHint:
      "After repeated failed sign-ins an account is paused on new devices (a browser that signed in before still gets in with the right password); the city administrator can also unlock it.",
    retryIn: "Try again in {{seconds}} s",
    logout: "Sign out",
    changePassword: "Change password",
    oldPassword: "Current password",
    newPassword: "New password",
    confirmPassword: "Confirm new password",
    passwordMismatch: "The two new passwords do not match",
    passwordChanged: "Password changed",
    passwordRule:
      "At least 12 characters; not a common password, nor your username or the platform\u2019s name",
    sessionExpired: "Your session has expired, please sign in again",
    loggedOut: "Signed out",
  },
  nav: {
    dashboard: "Overview",
    enterprises: "Enterprises",
    import: "Import",
    users: "Users",
    audit: "Audit log",
    jobs: "Scheduled jobs",
    myEnterprise: "My enterprise",
    workbench: "Workbench",
    assessments: "Assessments",
    diagnoses: "Diagnoses",
    impact: "Impact",
  },
  header: {
    district: "District: {{name}}",
  },
};

export default en;
