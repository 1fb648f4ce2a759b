/**
 * 随机抽取专家 (expert draws), one file per question:
 * - draw-pool.ts          the pool a draw reads and the inputs it stores (snapshot hash, packed request)
 * - draw-history.ts       the avoidance history from the database
 * - draw-subjects.ts      what a draw is for: subject lookup, seating / unseating experts, lead passing
 * - create-draw.ts        the draw itself
 * - draw.queries.ts       records: list, detail, verify
 * - expert-assignments.ts invitations: mine, accept, decline (→ replacement), rating
 * - panel.ts              a subject's panel as the diagnoses and projects modules read it
 * This index keeps the names other modules, the seed and the scripts import.
 */
export { createDraw } from "./create-draw";
export { getDraw, listDraws, verifyDraw } from "./draw.queries";
export { type HistoryKey, loadHistory } from "./draw-history";
export { canonical, loadPool, poolHash } from "./draw-pool";
export {
  acceptAssignment,
  declineAssignment,
  listMyAssignments,
  rateAssignment,
} from "./expert-assignments";
export {
  acceptByWork,
  drawnUsersOf,
  droppedDrawnMessage,
  isDrawnSql,
  manualPickRefusal,
  panelOf,
} from "./panel";
