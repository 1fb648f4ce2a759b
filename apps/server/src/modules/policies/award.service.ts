/**
 * 政策兑现 (awards), the module's public steps in one place so that importers outside the module (the
 * projects module's 市级审定 and tranche payments, scripts, tests) need not know the file layout:
 *
 * - award-sweep.ts        免申即享 sweeps: start, lease, run, progress
 * - award.queries.ts      read scope, list, detail, export pages
 * - award-confirm.ts      区级确认 and 企业意愿确认 (recompute, non-cumulation, reserve)
 * - award-close.ts        放弃 / 撤销 (release the reservation)
 * - award-payment.ts      登记拨付 (idempotent, reserved → paid)
 *
 * Every step takes an `Executor`: the caller's open transaction or the database.
 */

export { getAward, iterateAwardsForExport, listAwards } from "./award.queries";
export { closeAward } from "./award-close";
export { districtConfirm, enterpriseConfirm } from "./award-confirm";
export { recordPayment } from "./award-payment";
export { getSweep, SWEEP_LEASE_MS, type SweepTimings, startSweep } from "./award-sweep";
