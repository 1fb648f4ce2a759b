import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { AppError } from "../../errors";

export interface PdfOptions {
  /** Small grey line at the bottom of every page, left of the page number (plain text, escaped here). */
  footerText?: string;
}

const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];
/** A page is replaced after this many documents, so a long batch never grows one renderer's memory. */
const PAGE_USES = 100;

const escapeText = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Slot {
  page: Page;
  uses: number;
}

/**
 * Prints HTML to PDF in one lazily launched, shared Chromium.
 *
 * At most `concurrency` documents render at once; further callers wait in line (and get 503 once
 * the line is long), so a burst does not spawn dozens of pages. Each slot keeps one page in a
 * context with JavaScript off and every network request refused: a report is plain HTML + inline
 * SVG that `setContent` replaces completely, so nothing of one document survives into the next,
 * and re-using the page halves the time per PDF (measured: new context per document ≈ 0.95 s
 * p50, re-used page ≈ 0.42 s p50 on a loaded 2-core machine). A page that failed is thrown away;
 * a browser that died (killed, crashed) is relaunched on the next call.
 */
export class PdfRenderer {
  private browser: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  private readonly idle: Slot[] = [];
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  /** Browser launches so far (tests and the benchmark check that a warm renderer does not relaunch). */
  launches = 0;

  constructor(
    private readonly executablePath: string,
    private readonly concurrency = 2,
    private readonly maxWaiting = 100,
  ) {}

  private launch() {
    this.launches++;
    this.idle.length = 0;
    const p = chromium
      .launch({
        executablePath: this.executablePath,
        args: LAUNCH_ARGS,
        headless: true,
        // The app closes the browser itself (onClose); Playwright's own signal handlers would race it.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      })
      .then(async (browser) => {
        browser.on("disconnected", () => {
          if (this.browser === p) {
            this.browser = null;
            this.idle.length = 0;
          }
        });
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
        await context.route("**/*", (route) => route.abort());
        return { browser, context };
      })
      .catch((e: unknown) => {
        if (this.browser === p) this.browser = null;
        throw Object.assign(
          new AppError(
            503,
            "PDF_UNAVAILABLE",
            `PDF 生成服务暂不可用：无法启动 Chromium（${this.executablePath}，可用环境变量 DXC_CHROMIUM 指定）`,
          ),
          { cause: e },
        );
      });
    this.browser = p;
    return p;
  }

  private async connected() {
    if (this.closed) throw new AppError(503, "PDF_UNAVAILABLE", "服务正在关闭，请稍后重试");
    const current = this.browser;
    if (current) {
      const b = await current.catch(() => null);
      if (b?.browser.isConnected()) return b;
      if (this.browser === current) this.browser = null;
    }
    return this.browser ?? this.launch();
  }

  private async slot(): Promise<Slot> {
    const { context } = await this.connected();
    const reuse = this.idle.pop();
    if (reuse && !reuse.page.isClosed()) return reuse;
    return { page: await context.newPage(), uses: 0 };
  }

  private async acquire() {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    if (this.waiting.length >= this.maxWaiting)
      throw new AppError(503, "PDF_BUSY", "报告生成繁忙，请稍后重试");
    // The slot is handed over by release(): `active` stays the same.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  async pdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
    await this.acquire();
    try {
      try {
        return await this.render(html, opts);
      } catch (e) {
        // The browser died under us (crash, OOM kill): relaunch once and try again.
        const alive = (await this.browser?.catch(() => null))?.browser.isConnected() ?? false;
        if (this.closed || e instanceof AppError || alive) throw e;
        return await this.render(html, opts);
      }
    } finally {
      this.release();
    }
  }

  private async render(html: string, opts: PdfOptions): Promise<Buffer> {
    const s = await this.slot();
    let ok = false;
    try {
      await s.page.setContent(html, { waitUntil: "load" });
      const footer = opts.footerText
        ? `<div style="width:100%;font-size:8px;color:#888;padding:0 12mm;display:flex;justify-content:space-between;font-family:'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif"><span>${escapeText(opts.footerText)}</span><span>第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</span></div>`
        : undefined;
      const pdf = await s.page.pdf({
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
        ...(footer
          ? { displayHeaderFooter: true, headerTemplate: "<span></span>", footerTemplate: footer }
          : {}),
      });
      ok = true;
      return pdf;
    } finally {
      s.uses++;
      if (ok && s.uses < PAGE_USES && !this.closed) this.idle.push(s);
      else void s.page.close().catch(() => undefined);
    }
  }

  /** Closes the browser (app shutdown). Later calls are refused. */
  async close() {
    this.closed = true;
    const b = await this.browser?.catch(() => null);
    this.browser = null;
    this.idle.length = 0;
    await b?.browser.close().catch(() => undefined);
  }
}
