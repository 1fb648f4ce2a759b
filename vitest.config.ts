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

const pgOff = process.env.DXC_TEST_PG === "off";
if (pgOff) console.warn("\n⚠ DXC_TEST_PG=off：本次未运行 PostgreSQL 层 API 测试（只运行 PGlite 层）\n");

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "domain",
          // Property tests run hundreds of cases; on a loaded 2-core machine 5 s is not enough.
          testTimeout: 30_000,
          include: [
            "packages/domain/src/**/*.test.ts",
            "packages/db/src/**/*.test.ts",
            "packages/db/instruments/**/*.test.ts",
            "packages/db/policies/**/*.test.ts",
            "packages/db/indicators/**/*.test.ts",
            "packages/db/programmes/**/*.test.ts",
            // ARCHITECTURE.md's tree names every domain folder and server module
            "docs/**/*.test.ts",
          ],
        },
      },
      apiProject("api-pglite", "pglite"),
      // The PostgreSQL layer is part of every run. Leaving it out takes an explicit DXC_TEST_PG=off,
      // and is announced, never silent.
      ...(pgOff ? [] : [apiProject("api-postgres", "postgres")]),
    ],
  },
});
