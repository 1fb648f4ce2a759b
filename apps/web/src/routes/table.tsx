import {
  AccountBookOutlined,
  AlertOutlined,
  AppstoreAddOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FormOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  GiftOutlined,
  InteractionOutlined,
  ShopOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import type { Role } from "@dxcenter/domain";
import { lazy } from "react";
import { REGISTRY_ROLES as REGISTRY } from "../auth/context";
import LoginPage from "../pages/login";
import { projectRoutes } from "../pages/projects/routes";
import { poolRoutes } from "../pages/providers/routes";
import { tierRoutes } from "../pages/tiers/routes";
import { type AppRoute, boundEnterprise } from "./types";

const REGISTRY_ENTERPRISE: readonly Role[] = [...REGISTRY, "enterprise"];
/** Diagnosis teams (provider / expert accounts) open the on-site assessments they are assigned to. */
const DIAGNOSIS_ROLES: readonly Role[] = [...REGISTRY_ENTERPRISE, "provider", "expert"];
const MATCHING_ROLES: readonly Role[] = [...REGISTRY_ENTERPRISE, "provider"];

/** Core pages: registry, assessments, diagnoses, policies, administration. */
const coreRoutes: AppRoute[] = [
  { path: "login", page: LoginPage, public: true },
  {
    path: "cockpit",
    page: lazy(() => import("../pages/cockpit")),
    roles: ["city_admin", "district_admin", "department"],
    menu: { icon: <FundProjectionScreenOutlined />, label: (t) => t("cockpit.nav") },
  },
  {
    // 指标下钻: the rows behind a figure of the 驾驶舱 (the server scopes districts and departments).
    path: "cockpit/drill",
    page: lazy(() => import("../pages/cockpit/drill")),
    roles: ["city_admin", "district_admin", "department"],
  },
  {
    // 预警中心: city all warnings, a district its own, a department those its organisation owns.
    path: "warnings",
    page: lazy(() => import("../pages/warnings")),
    roles: ["city_admin", "district_admin", "department"],
    menu: { icon: <AlertOutlined />, label: (t) => t("warnings.nav") },
  },
  {
    // 指标填报: the city all tasks (reviews), a district its own, a department those its organisation owns.
    path: "indicator-reports",
    page: lazy(() => import("../pages/indicator-reports")),
    roles: ["city_admin", "district_admin", "department"],
    menu: { icon: <FormOutlined />, label: (t) => t("reports.nav") },
  },
  {
    // 月度工作简报: the city generates; district administrators read the city's briefing.
    path: "briefings",
    page: lazy(() => import("../pages/briefings")),
    roles: ["city_admin", "district_admin"],
    menu: { icon: <FileTextOutlined />, label: (t) => t("briefings.nav") },
  },
  {
    path: "dashboard",
    page: lazy(() => import("../pages/dashboard")),
    roles: REGISTRY,
    menu: { icon: <DashboardOutlined />, label: (t) => t("nav.dashboard") },
  },
  {
    path: "enterprises",
    page: lazy(() => import("../pages/enterprises")),
    roles: REGISTRY,
    menu: { icon: <BankOutlined />, label: (t) => t("nav.enterprises") },
  },
  { path: "enterprises/new", page: lazy(() => import("../pages/enterprise-form")), roles: REGISTRY },
  {
    path: "enterprises/:id",
    page: lazy(() => import("../pages/enterprise-detail")),
    roles: REGISTRY_ENTERPRISE,
    // An enterprise account's 我的企业 is its own detail page.
    menu: {
      icon: <ShopOutlined />,
      label: (t) => t("nav.myEnterprise"),
      roles: ["enterprise"],
      when: (me) => !!me.enterpriseId,
      key: "/enterprises",
      to: (me) => `/enterprises/${me.enterpriseId}`,
    },
  },
  {
    path: "enterprises/:id/edit",
    page: lazy(() => import("../pages/enterprise-form")),
    roles: REGISTRY_ENTERPRISE,
  },
  {
    path: "assessments",
    page: lazy(() => import("../pages/assessments")),
    roles: REGISTRY_ENTERPRISE,
    menu: { icon: <FormOutlined />, label: (t) => t("nav.assessments"), when: boundEnterprise },
  },
  {
    path: "assessments/:id",
    page: lazy(() => import("../pages/assessments/detail")),
    roles: DIAGNOSIS_ROLES,
  },
  {
    path: "diagnoses",
    page: lazy(() => import("../pages/diagnoses")),
    roles: DIAGNOSIS_ROLES,
    menu: { icon: <SolutionOutlined />, label: (t) => t("nav.diagnoses"), when: boundEnterprise },
  },
  { path: "diagnoses/:id", page: lazy(() => import("../pages/diagnoses/detail")), roles: DIAGNOSIS_ROLES },
  {
    path: "impact",
    page: lazy(() => import("../pages/impact")),
    roles: REGISTRY,
    menu: { icon: <FundOutlined />, label: (t) => t("nav.impact") },
  },
  // 政策与专项资金: the library for every signed-in role, the calculator for enterprises and the bureau.
  {
    path: "policies",
    page: lazy(() => import("../pages/policies")),
    menu: {
      icon: <AccountBookOutlined />,
      label: (t) => t("policy.nav.library"),
      roles: REGISTRY_ENTERPRISE,
      when: boundEnterprise,
    },
  },
  { path: "policies/:id", page: lazy(() => import("../pages/policies/detail")) },
  {
    path: "policy-calculator",
    page: lazy(() => import("../pages/policies/calculator")),
    roles: REGISTRY_ENTERPRISE,
    menu: { icon: <CalculatorOutlined />, label: (t) => t("policy.nav.calculator"), when: boundEnterprise },
  },
  {
    path: "policy-awards",
    page: lazy(() => import("../pages/policies/awards")),
    roles: REGISTRY,
    menu: { icon: <GiftOutlined />, label: (t) => t("policy.nav.sweep") },
  },
  // 惠企政策公开查询 is public: the policies in force, their conditions and amounts.
  { path: "open-policies", page: lazy(() => import("../pages/policies/public")), public: true },
  { path: "open-policies/:id", page: lazy(() => import("../pages/policies/public-detail")), public: true },
  {
    path: "import",
    page: lazy(() => import("../pages/import")),
    roles: REGISTRY,
    menu: { icon: <UploadOutlined />, label: (t) => t("nav.import") },
  },
  {
    path: "users",
    page: lazy(() => import("../pages/users")),
    roles: ["city_admin"],
    menu: { icon: <TeamOutlined />, label: (t) => t("nav.users") },
  },
  {
    path: "audit",
    page: lazy(() => import("../pages/audit")),
    roles: ["city_admin"],
    menu: { icon: <AuditOutlined />, label: (t) => t("nav.audit") },
  },
  {
    path: "jobs",
    page: lazy(() => import("../pages/jobs")),
    roles: ["city_admin"],
    menu: { icon: <FieldTimeOutlined />, label: (t) => t("nav.jobs") },
  },
  {
    path: "workbench",
    page: lazy(() => import("../pages/workbench")),
    menu: {
      icon: <AppstoreOutlined />,
      label: (t) => t("nav.workbench"),
      roles: ["enterprise", "provider", "expert", "department"],
      when: (me) => !(me.role === "enterprise" && me.enterpriseId),
    },
  },
];

/** 解决方案目录 (public too, without sign-in), 我的解决方案, 需求对接 and 对接活动. */
const matchingRoutes: AppRoute[] = [
  { path: "catalogue", page: lazy(() => import("../pages/solutions/public")), public: true },
  {
    path: "solutions",
    page: lazy(() => import("../pages/solutions")),
    menu: { icon: <ShoppingOutlined />, label: (t) => t("matching.nav.catalogue") },
  },
  {
    path: "my-solutions",
    page: lazy(() => import("../pages/solutions/mine")),
    roles: ["provider"],
    menu: { icon: <AppstoreAddOutlined />, label: (t) => t("matching.nav.mine") },
  },
  {
    path: "demands",
    page: lazy(() => import("../pages/demands")),
    roles: MATCHING_ROLES,
    menu: { icon: <InteractionOutlined />, label: (t) => t("matching.nav.demands") },
  },
  { path: "demands/:id", page: lazy(() => import("../pages/demands/detail")), roles: MATCHING_ROLES },
  {
    path: "events",
    page: lazy(() => import("../pages/events")),
    roles: MATCHING_ROLES,
    menu: { icon: <CalendarOutlined />, label: (t) => t("matching.nav.events") },
  },
  { path: "events/:id", page: lazy(() => import("../pages/events/detail")), roles: MATCHING_ROLES },
];

/** Every page, in menu order. */
export const APP_ROUTES: readonly AppRoute[] = [
  ...coreRoutes,
  ...matchingRoutes,
  ...poolRoutes,
  ...projectRoutes,
  ...tierRoutes,
];
