/** Shanghai has no daylight saving time: a calendar day there starts at 00:00 +08:00. */
export const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The calendar day after a "YYYY-MM-DD" date: an inclusive "to" date becomes an exclusive bound. */
export const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export const shanghaiYear = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
