import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.DXC_E2E_PORT ?? 3210);
/** Separate data folders let two checkouts (or helpers) run e2e at once on different ports. */
const DATA = process.env.DXC_E2E_DATA ?? "e2e/.data";
/**
 * DXC_E2E_PG=<server url> runs the same journeys against PostgreSQL instead of PGlite: the server
 * gets a freshly created database `dxc_e2e_<port>` on that server (dropped and re-created per run).
 */
const PG = process.env.DXC_E2E_PG;
const PG_DB = `dxc_e2e_${PORT}`;
const pgUrl = PG ? Object.assign(new URL(PG), { pathname: `/${PG_DB}` }).toString() : undefined;
const fresh = PG
  ? `psql "${PG}" -qc "drop database if exists ${PG_DB} with (force)" -c "create database ${PG_DB}"`
  : `rm -rf ${DATA}`;

/**
 * End-to-end journeys in Debian's Chromium (no browser download). The server runs the real
 * `npm start` entry on a fresh embedded database in e2e/.data, with the demo city loaded.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.DXC_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `${fresh} && node --import tsx apps/server/src/main.ts`,
    url: `http://localhost:${PORT}/api/health`,
    // First start seeds the demo city (registry, assessments, projects, a year of indicator
    // snapshots and 填报 tasks, 梯度培育 rounds): give a loaded 2-core machine room.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DXC_DATA_DIR: DATA,
      ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
      DXC_MODE: "demo",
      DXC_DEMO_PASSWORD: "E2e-demo-2026",
    },
  },
});
