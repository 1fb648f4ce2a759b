/**
 * Validity of certifications and external certificates in Asia/Shanghai (UTC+8 all year, no daylight
 * saving). validFrom and validTo are inclusive calendar days: a certification "有效期至2028-12-31" is
 * valid until 2028-12-31 23:59:59.999 Shanghai time (= 15:59:59.999 UTC) and expired from 2029-01-01
 * 00:00 Shanghai (= 2028-12-31 16:00 UTC).
 */
import type { CalendarDate } from "../policy/policy";
import { addDays } from "../projects/milestones";
import { type CertificationState, type CertificationStatus, REVIEW_WINDOW_DAYS } from "./types";

/** The fields validity reads; both Certification and ExternalCertificate have them. */
export interface ValidityRecord {
  readonly status: CertificationStatus;
  readonly validFrom: CalendarDate;
  readonly validTo: CalendarDate | null;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai calendar day of an instant. */
export function shanghaiDate(instant: Date): CalendarDate {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError("无效的时间");
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** What the record is on the calendar day (revoked and suspended win over dates). */
export function certificationStateOnDate(cert: ValidityRecord, day: CalendarDate): CertificationState {
  if (cert.status === "revoked") return "revoked";
  if (cert.status === "suspended") return "suspended";
  if (day < cert.validFrom) return "not_yet_valid";
  if (cert.validTo !== null && day > cert.validTo) return "expired";
  return "valid";
}

/** What the record is at an instant, judged on that instant's Shanghai calendar day. */
export function certificationStateOn(cert: ValidityRecord, instant: Date): CertificationState {
  return certificationStateOnDate(cert, shanghaiDate(instant));
}

export function isCertificationValidOn(cert: ValidityRecord, instant: Date): boolean {
  return certificationStateOn(cert, instant) === "valid";
}

/** The day a 复核 opens: REVIEW_WINDOW_DAYS (90) days before validTo; null when it never expires. */
export function reviewDue(cert: Pick<ValidityRecord, "validTo">): CalendarDate | null {
  return cert.validTo === null ? null : addDays(cert.validTo, -REVIEW_WINDOW_DAYS);
}

/**
 * In the 复核 window: not revoked, and the Shanghai day is between reviewDue and validTo (both
 * inclusive). A suspended certification can be in it (the 复核 may lift the suspension).
 */
export function isInReviewWindow(cert: ValidityRecord, instant: Date): boolean {
  const due = reviewDue(cert);
  if (due === null || cert.validTo === null || cert.status === "revoked") return false;
  const day = shanghaiDate(instant);
  return day >= due && day <= cert.validTo && day >= cert.validFrom;
}

/**
 * Valid now and its last valid day is at most `days` days after today (0 = expires at the end of
 * today). Never true for a record without expiry.
 */
export function expiresWithin(cert: ValidityRecord, days: number, instant: Date): boolean {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("天数应为不小于 0 的整数");
  if (cert.validTo === null) return false;
  const day = shanghaiDate(instant);
  return certificationStateOnDate(cert, day) === "valid" && cert.validTo <= addDays(day, days);
}
