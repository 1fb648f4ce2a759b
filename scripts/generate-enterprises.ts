/**
 * 企业数据生成器：npm run generate -- --enterprises 100000 [--seed N] [--xlsx out.xlsx]
 *
 * Without --xlsx: inserts generated enterprises into the configured database (DATABASE_URL →
 * PostgreSQL, otherwise PGlite at DXC_DATA_DIR), after the ones already there.
 * With --xlsx: writes an import file in the template layout instead (no database needed).
 */
import { resolve } from "node:path";
import {
  enterprises,
  iterateEnterprises,
  loadReferenceData,
  MAX_ENTERPRISE_INDEX,
  migrateDatabase,
  openDatabase,
} from "@dxcenter/db";
import { count } from "drizzle-orm";
import { loadConfig } from "../apps/server/src/config";
import { insertGeneratedEnterprises } from "../apps/server/src/seed/demo";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { intOption, runCliWithOptions, switchOptions, UsageError, valueOptions } from "./lib/cli";
import { writeEnterprisesXlsx } from "./lib/enterprise-xlsx";
import { int, mb } from "./lib/stats";

const USAGE = `用法：
  npm run generate -- --enterprises <数量> [--seed <种子>] [--start-index <序号>] [--xlsx <文件.xlsx>] [--shared-strings]

  --enterprises    生成的企业数量（必填，1–${MAX_ENTERPRISE_INDEX.toLocaleString("en-US")}），如 100000
  --seed           随机种子（非负整数；同一种子与序号生成完全相同的数据），默认 20250101
  --start-index    第一家企业的序号（决定统一社会信用代码，序号不同则代码不同）
                   写入数据库时默认 = 现有企业数 + 1,000,000，接在已有数据之后；生成文件时默认 1,000,000
  --xlsx           不写数据库，改为按导入模板格式生成 Excel 文件（可在“企业库 → 导入”上传）
  --shared-strings 生成文件时使用共享字符串表（与 Excel/WPS 保存的文件一致；默认内联字符串）

  写入数据库时：设置了 DATABASE_URL 则写入该 PostgreSQL，否则写入 DXC_DATA_DIR（默认 ./data）的内嵌 PGlite。

示例：
  npm run generate -- --enterprises 100000
  npm run generate -- --enterprises 100000 --seed 7 --xlsx 企业10万.xlsx`;

/** Generated enterprises beyond the demo seed start here, so they never reuse a demo USCC. */
const GENERATED_INDEX_BASE = 1_000_000;
const PROGRESS_EVERY = 10_000;

await runCliWithOptions(
  USAGE,
  { ...valueOptions("enterprises", "seed", "start-index", "xlsx"), ...switchOptions("shared-strings") },
  async (v) => {
    const total = intOption(v.enterprises, "enterprises", { min: 1, max: MAX_ENTERPRISE_INDEX });
    const seed = intOption(v.seed, "seed", { min: 0, max: 0xffff_ffff, default: 20_250_101 });
    const startArg =
      v["start-index"] === undefined
        ? undefined
        : intOption(v["start-index"], "start-index", { min: 0, max: MAX_ENTERPRISE_INDEX - 1 });
    if (v.xlsx !== undefined && !/\.xlsx$/i.test(v.xlsx))
      throw new UsageError("--xlsx 的文件名须以 .xlsx 结尾");
    if (v["shared-strings"] && v.xlsx === undefined)
      throw new UsageError("--shared-strings 只能与 --xlsx 一起使用");
    const checkRange = (start: number) => {
      if (start + total > MAX_ENTERPRISE_INDEX) {
        throw new UsageError(
          `序号 ${int(start)} 起生成 ${int(total)} 家会超出上限 ${int(MAX_ENTERPRISE_INDEX)}（统一社会信用代码唯一性），请减少数量或指定更小的 --start-index`,
        );
      }
    };
    /** The enterprises to make, numbered from `startIndex` on. */
    const generated = (
      startIndex: number,
      { districts, industries }: Pick<Parameters<typeof iterateEnterprises>[0], "districts" | "industries">,
    ) => iterateEnterprises({ count: total, seed, startIndex, districts, industries });

    if (v.xlsx !== undefined) {
      const file = resolve(v.xlsx);
      const startIndex = startArg ?? GENERATED_INDEX_BASE;
      checkRange(startIndex);
      const ref = loadReferenceData();
      const t0 = performance.now();
      const { rows, bytes } = await writeEnterprisesXlsx(file, generated(startIndex, ref), ref, {
        sharedStrings: v["shared-strings"] ?? false,
        onRow: (n) => {
          if (n % PROGRESS_EVERY === 0 && n < total) console.log(`  已写入 ${int(n)} / ${int(total)} 行`);
        },
      });
      const s = (performance.now() - t0) / 1000;
      console.log(
        `已生成 ${file}\n  ${int(rows)} 行（序号 ${int(startIndex)} 起，种子 ${seed}），文件大小 ${mb(bytes)}，用时 ${s.toFixed(1)} s（${int(rows / s)} 行/秒）`,
      );
      return;
    }

    const config = loadConfig();
    const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    try {
      console.log(
        `数据库：${handle.kind === "pglite" ? `PGlite ${handle.location}` : `PostgreSQL ${handle.location}`}`,
      );
      await migrateDatabase(handle);
      const ref = await syncReferenceData(handle.db);
      const countNow = async () => (await handle.db.select({ n: count() }).from(enterprises))[0]?.n ?? 0;
      const before = await countNow();
      const startIndex = startArg ?? before + GENERATED_INDEX_BASE;
      checkRange(startIndex);
      console.log(
        `现有企业 ${int(before)} 家；生成 ${int(total)} 家（序号 ${int(startIndex)} 起，种子 ${seed}）`,
      );
      const t0 = performance.now();
      let nextReport = PROGRESS_EVERY;
      await insertGeneratedEnterprises(handle.db, generated(startIndex, ref), (done) => {
        if (done >= nextReport && done < total) {
          const s = (performance.now() - t0) / 1000;
          console.log(`  已处理 ${int(done)} / ${int(total)}（${int(done / s)} 行/秒）`);
          nextReport += PROGRESS_EVERY;
        }
      });
      const s = (performance.now() - t0) / 1000;
      const inserted = (await countNow()) - before;
      console.log(
        `完成：新增 ${int(inserted)} 家企业，用时 ${s.toFixed(1)} s（${int(total / s)} 行/秒）；企业总数 ${int(before + inserted)}`,
      );
      if (inserted < total) {
        console.warn(
          `注意：${int(total - inserted)} 家因统一社会信用代码已存在而跳过（可用 --start-index 指定其他序号段）`,
        );
      }
    } finally {
      await handle.close();
    }
  },
);
