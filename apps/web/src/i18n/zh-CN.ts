import { ENTERPRISE_SIZE_LABELS, ROLE_LABELS, SRDI_TIER_LABELS } from "@dxcenter/domain";

import assessmentsZh from "../pages/assessments/locales/zh-CN";
import auditZh from "../pages/audit/locales/zh-CN";
import briefingsZh from "../pages/briefings/locales/zh-CN";
import cockpitZh from "../pages/cockpit/locales/zh-CN";
import dashboardZh from "../pages/dashboard/locales/zh-CN";
import diagnosesZh from "../pages/diagnoses/locales/zh-CN";
import enterpriseDetailZh from "../pages/enterprise-detail/locales/zh-CN";
import enterprisesZh from "../pages/enterprises/locales/zh-CN";
import expertsZh from "../pages/experts/locales/zh-CN";
import impactZh from "../pages/impact/locales/zh-CN";
import importPageZh from "../pages/import/locales/zh-CN";
import reportsZh from "../pages/indicator-reports/locales/zh-CN";
import jobsZh from "../pages/jobs/locales/zh-CN";
import policiesZh from "../pages/policies/locales/zh-CN";
import projectsZh from "../pages/projects/locales/zh-CN";
import providersZh from "../pages/providers/locales/zh-CN";
import solutionsZh from "../pages/solutions/locales/zh-CN";
import tiersZh from "../pages/tiers/locales/zh-CN";
import usersZh from "../pages/users/locales/zh-CN";
import warningsZh from "../pages/warnings/locales/zh-CN";
import workbenchZh from "../pages/workbench/locales/zh-CN";

/**
 * Chinese (default) UI strings. Each page folder owns its namespaces in `locales/zh-CN.ts` (default
 * export `{ namespace: {...} }`, status labels `satisfies Record<XStatus, string>`) and `locales/en.ts`
 * (typed `typeof zh`, so a missing key fails the compile); this file assembles them and holds the
 * app-wide strings. Role, size and 专精特新 labels come from @dxcenter/domain so they match exports.
 */
const zhCN = {
  ...assessmentsZh,
  ...auditZh,
  ...briefingsZh,
  ...cockpitZh,
  ...dashboardZh,
  ...diagnosesZh,
  ...enterpriseDetailZh,
  ...enterprisesZh,
  ...expertsZh,
  ...impactZh,
  ...importPageZh,
  ...jobsZh,
  ...policiesZh,
  ...projectsZh,
  ...providersZh,
  ...solutionsZh,
  ...usersZh,
  ...warningsZh,
  ...reportsZh,
  ...tiersZh,
  ...workbenchZh,
  app: {
    name: "制造业数字化转型促进中心",
    fullName: "制造业数字化转型促进中心公共服务平台",
    shortName: "数字化转型促进中心",
  },
  common: {
    delete: "删除",
    yes: "是",
    no: "否",
    unknown: "未填报",
    all: "全部",
    search: "查询",
    reset: "重置",
    save: "保存",
    cancel: "取消",
    confirm: "确定",
    edit: "编辑",
    create: "新增",
    back: "返回",
    close: "关闭",
    reload: "刷新",
    loading: "加载中…",
    empty: "暂无数据",
    actions: "操作",
    total: "共 {{total}} 条",
    download: "下载",
    exportExcel: "导出Excel",
    exporting: "正在导出…",
    loadFailed: "加载失败",
    saved: "保存成功",
    networkError: "网络连接失败，请检查网络后重试",
    httpError: "请求失败（HTTP {{status}}）",
    notFound: "页面不存在",
    notFoundHint: "您访问的页面不存在或已被移除。",
    forbidden: "无权访问",
    forbiddenHint: "您的角色无权访问此页面。",
    backHome: "返回首页",
    level: "{{level}}级",
    yearSuffix: "{{year}}年",
    percent: "{{value}}%",
  },
  lang: {
    switchTo: "English",
    label: "语言",
  },
  role: { ...ROLE_LABELS },
  size: { ...ENTERPRISE_SIZE_LABELS },
  srdi: { ...SRDI_TIER_LABELS },
  auth: {
    loginTitle: "用户登录",
    username: "用户名",
    password: "密码",
    usernameRequired: "请输入用户名",
    passwordRequired: "请输入密码",
    login: "登录",
    failureHint:
      "连续多次登录失败后，账号会暂停在新设备上登录（在曾成功登录过的浏览器上输入正确密码不受影响），也可联系市工信局管理员解除锁定。",
    retryIn: "请 {{seconds}} 秒后再试",
    logout: "退出登录",
    changePassword: "修改密码",
    oldPassword: "原密码",
    newPassword: "新密码",
    confirmPassword: "确认新密码",
    passwordMismatch: "两次输入的新密码不一致",
    passwordChanged: "密码已修改",
    passwordRule: "密码至少12位，不能是常见密码，不能包含用户名或平台名称",
    sessionExpired: "登录已失效，请重新登录",
    loggedOut: "已退出登录",
  },
  nav: {
    dashboard: "概览",
    enterprises: "企业库",
    import: "导入企业",
    users: "用户管理",
    audit: "审计日志",
    jobs: "定时任务",
    myEnterprise: "本企业",
    workbench: "工作台",
    assessments: "评估诊断",
    diagnoses: "诊断服务",
    impact: "成效分析",
  },
  header: {
    district: "所属区：{{name}}",
  },
};

export type Messages = typeof zhCN;
export default zhCN;
