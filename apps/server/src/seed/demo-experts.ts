import type { experts } from "@dxcenter/db";
import { NAMES, pick, TECH } from "./demo-provider-data";

/** Field only the demo expert accounts have, so a draw restricted to it picks accounts that can log in. */
export const DEMO_REVIEW_FIELD = "服务商遴选评审";
/** Extra demo expert logins (besides `expert`), members of the expert pool. */
export const DEMO_EXTRA_EXPERTS = [
  { username: "expert2", displayName: "评审专家二", organization: "河北工业大学" },
  { username: "expert3", displayName: "评审专家三", organization: "天津理工大学" },
];

const EXPERT_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
const EXPERT_GIVEN = [
  "建国",
  "志强",
  "海涛",
  "晓明",
  "丽华",
  "文博",
  "振宇",
  "雪梅",
  "立新",
  "国庆",
  "思远",
  "晨曦",
  "伟",
  "敏",
  "静",
  "磊",
  "洋",
  "婷",
  "军",
  "平",
];
const EXPERT_ORGS = [
  "天津大学",
  "南开大学",
  "河北工业大学",
  "天津理工大学",
  "天津工业大学",
  "天津科技大学",
  "中国汽车技术研究中心",
  "天津市工业和信息化研究院",
  "中国电子信息产业发展研究院天津分院",
  "天津市质量检验检测院",
  "国网天津市电力公司",
  "天津中德应用技术大学",
];
const EXPERT_TITLES = ["正高级工程师", "高级工程师", "教授", "副教授", "研究员", "高级经济师"];

/**
 * The demo expert pool: 80 generated experts without logins (a few suspended, a few with a declared
 * conflict with a demo provider) and the three demo expert logins, who alone cover DEMO_REVIEW_FIELD.
 */
export function demoExpertPool(logins: {
  expert: string | null;
  expert2: string | null;
  expert3: string | null;
}): (typeof experts.$inferInsert)[] {
  const pool = Array.from({ length: 80 }, (_, i): typeof experts.$inferInsert => ({
    name: `${EXPERT_SURNAMES[i % EXPERT_SURNAMES.length]}${EXPERT_GIVEN[(i * 3) % EXPERT_GIVEN.length]}`,
    organization: EXPERT_ORGS[i % EXPERT_ORGS.length]!,
    title: EXPERT_TITLES[i % EXPERT_TITLES.length]!,
    fields: pick(TECH, i + 3, 2 + (i % 3)),
    status: i % 23 === 22 ? "suspended" : "active",
    conflicts: i % 11 === 5 ? [{ organization: NAMES[i % NAMES.length]!, note: "曾任该公司技术顾问" }] : [],
    availability: [],
    userId: null,
  }));
  const login = (
    name: string,
    organization: string,
    title: string,
    fields: string[],
    userId: string | null,
  ) => ({
    name,
    organization,
    title,
    fields: [DEMO_REVIEW_FIELD, ...fields],
    status: "active" as const,
    conflicts: [],
    availability: [],
    userId,
  });
  pool.push(
    login("评审专家", "天津大学", "教授", ["工业互联网平台", "MES"], logins.expert),
    login("评审专家二", "河北工业大学", "正高级工程师", ["数字孪生", "能源管理系统"], logins.expert2),
    login("评审专家三", "天津理工大学", "教授", ["APS", "QMS"], logins.expert3),
  );
  return pool;
}
