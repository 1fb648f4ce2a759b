import { defineConfig } from "vitest/config";

const apiProject = (name: string, db: "pglite" | "postgres") => ({
  test: {
    name,
    include: ["apps/server/test/**/*.test.ts"],
    env: { DXC_TEST_DB: db },
    globalSetup: ["apps/server/test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite files each hold a WASM PostgreSQL (~300 MB); two at a time fits CI comfortably.
    maxWorkers: 2,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: "domain", include: ["packages/domain/src/**/*.test.ts"] } },
      apiProject("api-pglite", "pglite"),
      apiProject("api-postgres", "postgres"),
    ],
  },
});
