import { type Database, importJobs } from "@dxcenter/db";
import { and, eq, inArray } from "drizzle-orm";

/** A queued or running job renews its lease at least this often; older than this its node is taken for dead. */
export const IMPORT_LEASE_MS = 2 * 60_000;

/**
 * The import jobs of this node (one per database handle, i.e. per process in production): at most
 * `maxRunning` run at once, up to `maxQueued` more wait (status "queued", first come first served)
 * holding their upload, and beyond that an upload is refused with 429. Queued jobs keep their lease
 * renewed while they wait, so a node that dies leaves them to be marked failed like running ones.
 */
export class ImportQueue {
  running = 0;
  private readonly waiting: { jobId: string; start: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    public maxRunning: number,
    public maxQueued: number,
  ) {}

  get queued() {
    return this.waiting.length;
  }

  /** Takes a running slot now if one is free. */
  tryStart(): boolean {
    if (this.running < this.maxRunning && this.waiting.length === 0) {
      this.running++;
      return true;
    }
    return false;
  }

  hasRoom(): boolean {
    return this.running < this.maxRunning || this.waiting.length < this.maxQueued;
  }

  /** Waits for a running slot (the caller holds it afterwards). */
  wait(jobId: string): Promise<void> {
    return new Promise((start) => {
      this.waiting.push({ jobId, start });
      this.timer ??= setInterval(() => void this.renewQueued(), IMPORT_LEASE_MS / 4).unref();
    });
  }

  release() {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.running--;
    if (this.waiting.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async renewQueued() {
    const ids = this.waiting.map((w) => w.jobId);
    if (ids.length === 0) return;
    await this.db
      .update(importJobs)
      .set({ heartbeatAt: new Date() })
      .where(and(inArray(importJobs.id, ids), eq(importJobs.status, "queued")))
      .catch(() => undefined);
  }
}

const intEnv = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : d);
const queues = new WeakMap<Database, ImportQueue>();

/** This node's import queue (DXC_IMPORT_CONCURRENCY running, default 2; DXC_IMPORT_QUEUE waiting, default 6). */
export function importQueue(db: Database): ImportQueue {
  let q = queues.get(db);
  if (!q) {
    q = new ImportQueue(
      db,
      intEnv(process.env.DXC_IMPORT_CONCURRENCY, 2),
      intEnv(process.env.DXC_IMPORT_QUEUE, 6),
    );
    queues.set(db, q);
  }
  return q;
}
