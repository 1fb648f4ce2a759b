/**
 * Login abuse rules (pure): per-account progressive lock with a known-device pass, and per-address
 * throttling in fixed windows. The server keeps the counters in the database (app nodes are
 * stateless) and asks these functions what they mean.
 *
 * Why a lock never shows in an answer: telling "locked" apart from "wrong password" reveals that the
 * account exists (unknown usernames never lock), unless every guessed name got a simulated lock of
 * its own. So every refused sign-in answers the same 401 "用户名或密码错误"; the login page explains,
 * for everybody alike, that a new browser is paused after repeated failures while a browser that has
 * signed in before is not, and that the city bureau can unlock.
 */
export interface LoginThrottlePolicy {
  /** Wrong passwords in a row after which the account locks for unknown devices. */
  maxFailures: number;
  /** Length of the first lock; each further wrong password after it doubles the lock. */
  lockMinutes: number;
  /** Upper bound of the doubling. */
  lockMaxMinutes: number;
  /** Failed sign-ins one address may make per window before it gets 429. */
  addressMaxFailures: number;
  /** Length of the address window. */
  addressWindowMinutes: number;
}

/**
 * How long the account locks after its `failures`-th wrong password in a row: nothing below
 * `maxFailures`, then lockMinutes × 2^(failures − maxFailures), capped. With 5 / 15 min / 24 h that is
 * 15, 30, 60, 120 … minutes: after the first five guesses an attacker gets about one guess per lock.
 */
export function lockMinutesAfter(failures: number, p: LoginThrottlePolicy): number | null {
  if (failures < p.maxFailures) return null;
  const doublings = Math.min(failures - p.maxFailures, 30);
  return Math.min(p.lockMinutes * 2 ** doublings, p.lockMaxMinutes);
}

export interface KnownDevice {
  /** Wrong passwords in a row typed on this device for this account. */
  failedLogins: number;
  lastUsedAt: Date;
}

/**
 * A browser that signed in to this account before (its device cookie matches a stored hash) is
 * trusted while it is not stale and has not itself typed `maxFailures` wrong passwords in a row: a
 * stolen device cookie buys no more guesses than the lock allows anyone.
 */
export function deviceTrusted(
  device: KnownDevice | null | undefined,
  p: Pick<LoginThrottlePolicy, "maxFailures">,
  deviceDays: number,
  now: Date,
): boolean {
  if (!device) return false;
  if (device.failedLogins >= p.maxFailures) return false;
  return now.getTime() - device.lastUsedAt.getTime() <= deviceDays * 86_400_000;
}

/**
 * Whether the password is checked at all: a locked account is only open to its trusted devices; any
 * other attempt is refused without looking at the password (so the lock also stops guessing).
 */
export function passwordCheckAllowed(lockedUntil: Date | null, trusted: boolean, now: Date): boolean {
  if (trusted) return true;
  return !lockedUntil || lockedUntil.getTime() <= now.getTime();
}

/** The fixed window `now` falls in, for per-address counting (windows start at the epoch). */
export function addressWindow(now: Date, windowMinutes: number): { start: Date; end: Date } {
  const ms = windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), end: new Date(start + ms) };
}

/** Whole seconds until `until` (at least 1), for `Retry-After`. */
export function retryAfterSeconds(now: Date, until: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The Chinese message of a 429 (minutes rounded up, at least 1). */
export function tooManyAttemptsMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `登录失败次数过多，请 ${minutes} 分钟后再试`;
}
