/**
 * 导入内存基准（不是测试）：npm run bench:import-memory -- [--file big.xlsx | --rows 200000 [--inline]] [--imports 1]
 *
 * Builds the real app on an embedded PGlite database in a temporary folder, logs in as city_admin,
 * uploads the workbook through POST /api/enterprises/imports (the same path as the browser) and
 * polls the job until it ends, sampling process.memoryUsage() every 50 ms. Prints the baseline
 * (after GC, app ready), the peak added during the import (RSS and JS heap), and what remains
 * added after the import and a GC. Run with --expose-gc (the npm script does).
 *
 * Without --file, generates the 200,000-row template workbook with a shared-strings table (as
 * Excel/WPS save it; --inline for inline strings) into the temporary folder first.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { iterateEnterprises, loadReferenceData, migrateDatabase, openDatabase } from "@dxcenter/db";
import { buildApp } from "../apps/server/src/app";
import { loadConfig } from "../apps/server/src/config";
import { createUser } from "../apps/server/src/modules/users/user.service";
import { syncInstruments } from "../apps/server/src/seed/instruments";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { intOption, runCliWithOptions, switchOptions, valueOptions } from "./lib/cli";
import { writeEnterprisesXlsx } from "./lib/enterprise-xlsx";
import { int, mb, secs } from "./lib/stats";

const USAGE = `用法：
  npm run bench:import-memory -- [--file <文件.xlsx>] [--rows 200000] [--inline] [--imports 1]

  --file     要导入的 xlsx（默认：在临时目录生成 --rows 行的模板文件）
  --rows     生成的行数，默认 200000
  --inline   生成时使用内联字符串（默认使用共享字符串表，与 Excel/WPS 保存的文件一致）
  --imports  同时上传的导入数（默认 1；超过每节点并发上限的会排队）`;

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PASSWORD = "Bench-password-2026";

function multipart(filename: string, content: Buffer) {
  const boundary = `----dxcbench${randomBytes(8).toString("hex")}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX_MIME}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const gc = (globalThis as { gc?: () => void }).gc;
async function settle() {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage();
}

await runCliWithOptions(
  USAGE,
  { ...valueOptions("file", "rows", "imports"), ...switchOptions("inline") },
  async (v) => {
    if (!gc) console.warn("⚠ 未启用 --expose-gc，基线与结束值含未回收的垃圾");
    const dir = await mkdtemp(join(tmpdir(), "dxc-bench-import-"));
    try {
      let file = v.file;
      if (!file) {
        const rows = intOption(v.rows, "rows", { min: 1, max: 1_000_000, default: 200_000 });
        file = join(dir, "import.xlsx");
        const ref = loadReferenceData();
        await writeEnterprisesXlsx(
          file,
          iterateEnterprises({
            count: rows,
            seed: 20250101,
            startIndex: 1_000_000,
            districts: ref.districts,
            industries: ref.industries,
          }),
          ref,
          { sharedStrings: !v.inline },
        );
      }
      const n = intOption(v.imports, "imports", { min: 1, max: 20, default: 1 });
      const content = await readFile(file);

      const handle = await openDatabase({ dataDir: join(dir, "db") });
      await migrateDatabase(handle);
      await syncReferenceData(handle.db);
      await syncInstruments(handle.db);
      const defaults = loadConfig({ DXC_MODE: "production" });
      // The generated 200,000-row file is ~29 MB; the upload limit is raised to fit it if needed.
      const maxBytes = Math.max(defaults.upload.maxBytes, content.length + 1024 * 1024);
      const config = { ...defaults, webDist: "/nonexistent", upload: { ...defaults.upload, maxBytes } };
      const app = await buildApp(handle, config);
      await app.ready();
      try {
        const username = `bench_${randomBytes(3).toString("hex")}`;
        await createUser(
          handle.db,
          {
            username,
            displayName: "基准",
            role: "city_admin",
            districtCode: null,
            enterpriseId: null,
            organization: null,
            password: PASSWORD,
          },
          { id: null, name: "bench", role: "system", ip: null },
        );
        const login = await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username, password: PASSWORD },
        });
        const cookie = `dxc_sid=${login.cookies.find((c) => c.name === "dxc_sid")?.value}`;

        const base = await settle();
        let peakRss = base.rss;
        let peakHeap = base.heapUsed;
        let peakExternal = base.external + base.arrayBuffers;
        const timer = setInterval(() => {
          const m = process.memoryUsage();
          peakRss = Math.max(peakRss, m.rss);
          peakHeap = Math.max(peakHeap, m.heapUsed);
          peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
        }, 50);
        // The heap peak above includes garbage not yet collected (V8 grows the heap lazily); every
        // 2 s a full GC measures what is really held (the live set), which is what many concurrent
        // imports add up to.
        let peakLive = base.heapUsed;
        const liveTimer = setInterval(() => {
          gc?.();
          peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
        }, 2000);
        const t0 = performance.now();
        const ids: string[] = [];
        for (let i = 0; i < n; i++) {
          const body = multipart(`bench-${i + 1}.xlsx`, content);
          const r = await app.inject({
            method: "POST",
            url: "/api/enterprises/imports",
            headers: { ...body.headers, cookie },
            payload: body.payload,
          });
          if (r.statusCode !== 202) throw new Error(`上传失败：${r.statusCode} ${r.body}`);
          ids.push(r.json().id);
          console.log(`导入 ${i + 1}：${r.json().status}`);
        }
        const jobs: Record<string, unknown>[] = [];
        for (const id of ids) {
          for (;;) {
            const r = await app.inject({
              method: "GET",
              url: `/api/enterprises/imports/${id}`,
              headers: { cookie },
            });
            const job = r.json();
            if (job.status === "done" || job.status === "failed") {
              jobs.push(job);
              break;
            }
            await new Promise((res) => setTimeout(res, 250));
          }
        }
        const elapsed = performance.now() - t0;
        clearInterval(timer);
        clearInterval(liveTimer);
        const after = await settle();

        console.log(`\n文件：${file}（${mb(content.length)}），同时导入 ${n} 个，用时 ${secs(elapsed)}`);
        for (const j of jobs) {
          console.log(
            `  ${j.status}：读取 ${int(j.rowsRead as number)} 行，新增 ${int(j.created as number)}，更新 ${int(j.updated as number)}，无变化 ${int(j.unchanged as number)}，错误 ${int(j.rejected as number)}${j.errorMessage ? `（${j.errorMessage}）` : ""}`,
          );
        }
        console.log(`\n              基线        峰值增加        结束后增加（GC 后）`);
        console.log(
          `  RSS      ${mb(base.rss).padStart(10)}  ${mb(peakRss - base.rss).padStart(12)}  ${mb(after.rss - base.rss).padStart(14)}`,
        );
        console.log(
          `  JS 堆    ${mb(base.heapUsed).padStart(10)}  ${mb(peakHeap - base.heapUsed).padStart(12)}  ${mb(after.heapUsed - base.heapUsed).padStart(14)}`,
        );
        if (gc) {
          console.log(
            `  JS 堆存活 ${mb(base.heapUsed).padStart(9)}  ${mb(peakLive - base.heapUsed).padStart(12)}  ${mb(after.heapUsed - base.heapUsed).padStart(14)}   （每 2 秒强制 GC 后测得）`,
          );
        }
        console.log(
          `  Buffer   ${mb(base.external + base.arrayBuffers).padStart(10)}  ${mb(peakExternal - base.external - base.arrayBuffers).padStart(12)}  ${mb(after.external + after.arrayBuffers - base.external - base.arrayBuffers).padStart(14)}`,
        );
      } finally {
        await app.close();
        await handle.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
