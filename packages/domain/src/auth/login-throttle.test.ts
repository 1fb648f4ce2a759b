import { describe, expect, it } from "vitest";
import {
  addressWindow,
  deviceTrusted,
  type LoginThrottlePolicy,
  lockMinutesAfter,
  passwordCheckAllowed,
  retryAfterSeconds,
  tooManyAttemptsMessage,
} from "./login-throttle";

const P: LoginThrottlePolicy = {
  maxFailures: 5,
  lockMinutes: 15,
  lockMaxMinutes: 1440,
  addressMaxFailures: 20,
  addressWindowMinutes: 10,
};
const NOW = new Date("2026-03-01T08:07:30Z");

describe("lockMinutesAfter", () => {
  it.each([
    [0, null],
    [4, null],
    [5, 15],
    [6, 30],
    [7, 60],
    [11, 960],
    [12, 1440],
    [1000, 1440],
  ])("after %i wrong passwords → %s minutes", (failures, minutes) => {
    expect(lockMinutesAfter(failures, P)).toBe(minutes);
  });
});

describe("deviceTrusted", () => {
  const fresh = { failedLogins: 0, lastUsedAt: new Date(NOW.getTime() - 86_400_000) };
  it.each([
    ["no device", null, false],
    ["a device that signed in yesterday", fresh, true],
    ["4 wrong passwords on it", { ...fresh, failedLogins: 4 }, true],
    ["5 wrong passwords on it", { ...fresh, failedLogins: 5 }, false],
    ["unused for 91 days", { ...fresh, lastUsedAt: new Date(NOW.getTime() - 91 * 86_400_000) }, false],
  ])("%s → %s", (_label, device, trusted) => {
    expect(deviceTrusted(device, P, 90, NOW)).toBe(trusted);
  });
});

describe("passwordCheckAllowed", () => {
  const later = new Date(NOW.getTime() + 60_000);
  const earlier = new Date(NOW.getTime() - 1);
  it.each([
    [null, false, true],
    [earlier, false, true],
    [later, false, false],
    [later, true, true],
  ])("locked until %s, trusted device %s → %s", (lockedUntil, trusted, allowed) => {
    expect(passwordCheckAllowed(lockedUntil, trusted, NOW)).toBe(allowed);
  });
});

describe("address window", () => {
  it("is the fixed window containing now, and Retry-After counts to its end", () => {
    const w = addressWindow(NOW, 10);
    expect(w.start.toISOString()).toBe("2026-03-01T08:00:00.000Z");
    expect(w.end.toISOString()).toBe("2026-03-01T08:10:00.000Z");
    expect(retryAfterSeconds(NOW, w.end)).toBe(150);
    expect(retryAfterSeconds(w.end, w.end)).toBe(1);
  });
  it("says the wait in whole minutes, in Chinese", () => {
    expect(tooManyAttemptsMessage(150)).toBe("登录失败次数过多，请 3 分钟后再试");
    expect(tooManyAttemptsMessage(1)).toBe("登录失败次数过多，请 1 分钟后再试");
  });
});
