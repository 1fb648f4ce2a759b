import { JOB_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { districtCode, timestamptz, timestamptzNow, uuidPrimaryKey, uuidRef } from "./columns";
import { userRef } from "./references";
import { bytea, oneOf } from "./types";

/** Long-running imports. Progress lives in the database so any app node can report it. */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuidPrimaryKey(),
    kind: text("kind").notNull(),
    userId: userRef("user_id"),
    filename: text("filename").notNull(),
    /** queued | running | done | failed */
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    /** 0–100 */
    progress: integer("progress").notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    /** First row errors for the UI: [{row, field, message}] (the full list is in the report). */
    errorSample: jsonb("error_sample"),
    errorMessage: text("error_message"),
    /** Validation report workbook (xlsx). */
    report: bytea("report"),
    createdAt: timestamptzNow("created_at"),
    finishedAt: timestamptz("finished_at"),
    /**
     * The lease: the node holding a queued or running job renews it with every batch (and while it
     * waits in the queue). Older than the lease time, the node is taken for dead and the job is
     * marked failed by whoever looks next (a poll or a node starting).
     */
    heartbeatAt: timestamptzNow("heartbeat_at"),
  },
  (t) => [
    check("import_jobs_status_check", oneOf(t.status, JOB_STATUSES)),
    index("import_jobs_active_idx").on(t.heartbeatAt).where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * Batch exports (e.g. a district's "一企一策" reports as one zip). Progress and the finished file
 * live in the database, so any app node can report and serve them.
 */
export const exportJobs = pgTable(
  "export_jobs",
  {
    id: uuidPrimaryKey(),
    kind: text("kind").notNull(),
    userId: userRef("user_id"),
    districtCode: districtCode(),
    params: jsonb("params").notNull().default(sql`'{}'::jsonb`),
    /** queued | running | done | failed */
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    progress: integer("progress").notNull().default(0),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    errorMessage: text("error_message"),
    filename: text("filename"),
    createdAt: timestamptzNow("created_at"),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [check("export_jobs_status_check", oneOf(t.status, JOB_STATUSES))],
);

/**
 * The files of an export job, one row per file, deflated when produced (zip method 8): the
 * download streams them into a zip a few rows at a time. A batch of 2,000 reports (~0.5 GB) thus
 * never sits in one bytea value (PostgreSQL's limit is 1 GB) nor in an app node's memory.
 */
export const exportJobFiles = pgTable(
  "export_job_files",
  {
    jobId: uuidRef("job_id", () => exportJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    crc32: bigint("crc32", { mode: "number" }).notNull(),
    size: integer("size").notNull(),
    compressedSize: integer("compressed_size").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
