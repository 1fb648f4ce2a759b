import { addDays, type ProjectType } from "@dxcenter/domain";

export type DemoProjectStage =
  | "draft"
  | "district_review"
  | "returned"
  | "expert_assigned"
  | "expert_scored"
  | "rejected"
  | "approved"
  | "building"
  | "acceptance"
  | "completed";

export interface DemoProjectPlan {
  name: string;
  type: ProjectType;
  total: string;
  equipment: string;
  software: string;
  start: string;
  finish: string;
  stage: DemoProjectStage;
  /** The enterprise: the n-th of the other districts' (city-reviewed); none: the next 滨海新区 one. */
  other?: number;
  /** building: [percent, 万元, days ago] progress reports after 开工. */
  progress?: [number, string, number][];
  startedDaysAgo?: number;
  payFirst?: boolean;
}

/**
 * The demo 技改项目, in the order they are created, each with the state the seed takes it to: dates
 * relative to today so that the overdue and due-soon flags hold on any day the demo starts.
 */
export function demoProjectPlans(today: string): DemoProjectPlan[] {
  return [
    {
      name: "数控加工车间智能化改造项目",
      type: "tech_upgrade",
      total: "1600",
      equipment: "900",
      software: "150",
      start: addDays(today, 45),
      finish: addDays(today, 420),
      stage: "draft",
    },
    {
      name: "注塑生产线设备更新项目",
      type: "equipment_renewal",
      total: "820",
      equipment: "600",
      software: "40",
      start: addDays(today, 30),
      finish: addDays(today, 300),
      stage: "district_review",
    },
    {
      name: "仓储物流自动化改造项目",
      type: "tech_upgrade",
      total: "1150",
      equipment: "500",
      software: "120",
      start: addDays(today, 60),
      finish: addDays(today, 360),
      stage: "returned",
    },
    {
      name: "MES 与设备联网数字化转型项目",
      type: "digital_transformation",
      total: "680",
      equipment: "200",
      software: "260",
      start: addDays(today, 20),
      finish: addDays(today, 250),
      stage: "expert_assigned",
    },
    {
      name: "焊装线机器人替代技术改造项目",
      type: "tech_upgrade",
      total: "1850",
      equipment: "1100",
      software: "180",
      start: addDays(today, 15),
      finish: addDays(today, 400),
      stage: "expert_scored",
    },
    {
      name: "锻压设备节能改造项目",
      type: "equipment_renewal",
      total: "420",
      equipment: "350",
      software: "0",
      start: addDays(today, 10),
      finish: addDays(today, 200),
      stage: "rejected",
      other: 0,
    },
    {
      name: "精密铸造线技术改造项目",
      type: "tech_upgrade",
      total: "1300",
      equipment: "700",
      software: "100",
      start: addDays(today, -20),
      finish: addDays(today, 330),
      stage: "approved",
    },
    {
      name: "电子装联车间设备更新项目",
      type: "equipment_renewal",
      total: "960",
      equipment: "720",
      software: "60",
      start: addDays(today, -120),
      finish: addDays(today, 200),
      stage: "building",
      startedDaysAgo: 110,
      progress: [
        [25, "260", 70],
        [40, "410", 12],
      ],
      payFirst: true,
    },
    {
      name: "涂装线智能化技术改造项目",
      type: "tech_upgrade",
      total: "1450",
      equipment: "760",
      software: "140",
      start: addDays(today, -300),
      finish: addDays(today, -10),
      stage: "building",
      startedDaysAgo: 290,
      progress: [[55, "800", 75]],
      other: 1,
    },
    {
      name: "工业互联网平台建设项目",
      type: "industrial_internet",
      total: "560",
      equipment: "120",
      software: "300",
      start: addDays(today, -200),
      finish: addDays(today, -5),
      stage: "acceptance",
      startedDaysAgo: 190,
      progress: [[70, "380", 60]],
    },
    {
      name: "汽车零部件柔性产线技术改造项目",
      type: "tech_upgrade",
      total: "1200",
      equipment: "650",
      software: "110",
      start: "2023-03-01",
      finish: "2023-12-31",
      stage: "completed",
    },
    {
      name: "食品包装线设备更新项目",
      type: "equipment_renewal",
      total: "700",
      equipment: "520",
      software: "30",
      start: "2024-04-01",
      finish: "2024-12-20",
      stage: "completed",
      other: 2,
    },
  ];
}
