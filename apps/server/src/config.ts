import { resolve } from "node:path";
import { type JobSchedule, scheduleProblem } from "@dxcenter/domain";

export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; when set the embedded PGlite is not used. */
  databaseUrl: string | undefined;
  /** PGlite data folder. */
  dataDir: string;
  /** demo: demo city and demo accounts are loaded; production: neither, demo accounts refused. */
  mode: "demo" | "production";
  demoPassword: string;
  demoPasswordDefaulted: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (needed to see HTTPS behind nginx). */
  trustProxy: boolean;
  /** Assessment instrument files (versioned data); a city may point this at its own copy. */
  instrumentsDir: string | undefined;
  /** Policy files (政策, versioned data); a city may point this at its own copy (DXC_POLICIES_DIR). */
  policiesDir: string | undefined;
  /** Folder with the built web app (served at /). */
  webDist: string;
  session: { idleMinutes: number; absoluteHours: number };
  /**
   * Login abuse limits (see packages/domain/src/auth/login-throttle.ts): per-account progressive lock
   * for unknown devices, per-address failures per window (429), lifetime of the known-device cookie.
   */
  login: {
    maxFailures: number;
    lockMinutes: number;
    lockMaxMinutes: number;
    addressMaxFailures: number;
    addressWindowMinutes: number;
    deviceDays: number;
  };
  upload: { maxBytes: number; maxRows: number };
  /** Chromium used to print "一企一策" reports as PDF (DXC_CHROMIUM). */
  chromiumPath: string;
  /**
   * Scheduled jobs (lib/scheduler.ts): main.ts starts the tick unless DXC_SCHEDULER=off; every
   * DXC_SCHEDULER_TICK_SECONDS (default 30) a node claims the due jobs; a claim lasts
   * DXC_SCHEDULER_LEASE_SECONDS (default 120) without renewal before another node may take it over.
   */
  scheduler: { enabled: boolean; tickMs: number; leaseMs: number };
  /**
   * When scheduled jobs of the modules run (Asia/Shanghai): the 驾驶舱's provisional figures every
   * DXC_LIVE_INDICATORS_MINUTES (default 10); the 免申即享 sweep of every enterprise policy daily at
   * DXC_POLICY_SWEEP_AT (HH:MM, default 01:30). An administrator pauses a job in the jobs view.
   */
  schedules: { liveIndicators: JobSchedule; policySweeps: JobSchedule };
}

export const DEFAULT_DEMO_PASSWORD = "Dxc@2026demo";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = (env.DXC_MODE ?? (env.NODE_ENV === "production" ? "production" : "demo")) as AppConfig["mode"];
  if (mode !== "demo" && mode !== "production")
    throw new Error(`DXC_MODE 只能是 demo 或 production，当前为 ${mode}`);
  return {
    port: intEnv(env.PORT, 3000),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DXC_DATA_DIR ?? "./data"),
    mode,
    demoPassword: env.DXC_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    demoPasswordDefaulted: !env.DXC_DEMO_PASSWORD,
    trustProxy: env.DXC_TRUST_PROXY === "1" || env.DXC_TRUST_PROXY === "true",
    instrumentsDir: env.DXC_INSTRUMENTS_DIR ? resolve(env.DXC_INSTRUMENTS_DIR) : undefined,
    policiesDir: env.DXC_POLICIES_DIR ? resolve(env.DXC_POLICIES_DIR) : undefined,
    webDist: resolve(env.DXC_WEB_DIST ?? new URL("../../web/dist", import.meta.url).pathname),
    session: { idleMinutes: 30, absoluteHours: 12 },
    login: {
      maxFailures: intEnv(env.DXC_LOGIN_MAX_FAILURES, 5),
      lockMinutes: intEnv(env.DXC_LOGIN_LOCK_MINUTES, 15),
      lockMaxMinutes: intEnv(env.DXC_LOGIN_LOCK_MAX_MINUTES, 1440),
      addressMaxFailures: intEnv(env.DXC_LOGIN_ADDRESS_MAX_FAILURES, 20),
      addressWindowMinutes: intEnv(env.DXC_LOGIN_ADDRESS_WINDOW_MINUTES, 10),
      deviceDays: intEnv(env.DXC_LOGIN_DEVICE_DAYS, 90),
    },
    upload: {
      maxBytes: intEnv(env.DXC_UPLOAD_MAX_MB, 20) * 1024 * 1024,
      maxRows: intEnv(env.DXC_IMPORT_MAX_ROWS, 200_000),
    },
    chromiumPath: env.DXC_CHROMIUM || "/usr/bin/chromium",
    scheduler: {
      enabled: env.DXC_SCHEDULER !== "off",
      tickMs: intEnv(env.DXC_SCHEDULER_TICK_SECONDS, 30) * 1000,
      leaseMs: intEnv(env.DXC_SCHEDULER_LEASE_SECONDS, 120) * 1000,
    },
    schedules: {
      liveIndicators: checkedSchedule("DXC_LIVE_INDICATORS_MINUTES", {
        kind: "every",
        minutes: intEnv(env.DXC_LIVE_INDICATORS_MINUTES, 10),
      }),
      policySweeps: checkedSchedule("DXC_POLICY_SWEEP_AT", {
        kind: "daily",
        at: env.DXC_POLICY_SWEEP_AT || "01:30",
      }),
    },
  };
}

function checkedSchedule(name: string, schedule: JobSchedule): JobSchedule {
  const problem = scheduleProblem(schedule);
  if (problem) throw new Error(`环境变量 ${name} 取值无效：${problem}`);
  return schedule;
}

function intEnv(v: string | undefined, dflt: number): number {
  if (v === undefined || v === "") return dflt;
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`环境变量取值无效：${v}`);
  return n;
}
