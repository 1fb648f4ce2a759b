import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openDatabase, users } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The production install path: no demo accounts, the first city admin is created from the CLI. */
const run = promisify(execFile);
const CLI = join(import.meta.dirname, "../src/cli/create-user.ts");
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dxc-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function createUser(args: string[], password: string) {
  return run(process.execPath, ["--import", "tsx", CLI, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DXC_DATA_DIR: dir,
      DXC_MODE: "production",
      DXC_NEW_PASSWORD: password,
    },
  });
}

describe("npm run user:create", () => {
  it("refuses a weak password with a Chinese message and creates nothing", { timeout: 60_000 }, async () => {
    const err = await createUser(["--username", "admin", "--name", "张三"], "short").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain("密码至少12位");
  });

  it("creates a city administrator who is not a demo account", { timeout: 60_000 }, async () => {
    const { stdout } = await createUser(["--username", "admin", "--name", "张三"], "Strong-pass-2026");
    expect(stdout).toContain("已创建用户 admin");
    const again = await createUser(["--username", "admin"], "Strong-pass-2026").catch((e: unknown) => e);
    expect((again as { stderr: string }).stderr).toContain("已被使用");
    const handle = await openDatabase({ dataDir: dir });
    try {
      const [u] = await handle.db.select().from(users).where(eq(users.username, "admin"));
      expect(u).toMatchObject({ role: "city_admin", isDemo: false, displayName: "张三" });
      expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    } finally {
      await handle.close();
    }
  });
});
