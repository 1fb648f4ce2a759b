/**
 * 服务商入库 (the pool application workflow), one file per question:
 * - pool.queries.ts        list, export pages, detail with the caller's steps, scores, public notices
 * - pool-step.ts           one application step: lock → read scope → workflow table → change → detail
 * - pool-applications.ts   apply, withdraw, start the review
 * - pool-review.ts         score sheets and the decision (不予入库 / 拟入库 with its notice)
 * - pool-notice.ts         objections (file, handle) and admission after the notice
 * This index keeps the names the demo seed imports.
 */

export { getApplication, iterateApplicationsForExport, listApplications, listNotices } from "./pool.queries";
export { applyToPool, openReview, withdrawApplication } from "./pool-applications";
export { admitAfterNotice, fileObjection, handleObjection } from "./pool-notice";
export { decide, sheetTotal, submitScore } from "./pool-review";
