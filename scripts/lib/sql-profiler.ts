import pg from "pg";

/**
 * Times every query sent through node-postgres (pool and transaction clients alike) by wrapping
 * pg.Client.prototype.query while recording. Each query is classified as "<verb> <table>", so an
 * import's time can be split into statements and the JavaScript work between them.
 */
export interface QuerySample {
  key: string;
  start: number;
  ms: number;
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

export function classifyQuery(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  const verb = /^(\w+)/.exec(t)?.[1]?.toLowerCase() ?? "?";
  let table: string | undefined;
  if (verb === "insert") table = /^insert into "?(\w+)"?/i.exec(t)?.[1];
  else if (verb === "update") table = /^update "?(\w+)"?/i.exec(t)?.[1];
  else if (verb === "delete") table = /^delete from "?(\w+)"?/i.exec(t)?.[1];
  else if (verb === "select") table = / from "?(\w+)"?/i.exec(t)?.[1];
  return table ? `${verb} ${table}` : verb;
}

export function recordQueries() {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const samples: QuerySample[] = [];
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const cfg = args[0];
    const text = typeof cfg === "string" ? cfg : ((cfg as { text?: string } | undefined)?.text ?? "");
    const key = classifyQuery(text);
    const start = performance.now();
    const done = () => samples.push({ key, start, ms: performance.now() - start });
    const last = args.length - 1;
    const cb = args[last];
    if (typeof cb === "function") {
      args[last] = (...r: unknown[]) => {
        done();
        return (cb as (...a: unknown[]) => unknown)(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
  return {
    samples,
    stop() {
      proto.query = original;
    },
  };
}

/** Totals per statement kind, largest first. */
export function totalsByKey(samples: readonly QuerySample[]) {
  const m = new Map<string, { key: string; n: number; ms: number }>();
  for (const s of samples) {
    const e = m.get(s.key) ?? { key: s.key, n: 0, ms: 0 };
    e.n++;
    e.ms += s.ms;
    m.set(s.key, e);
  }
  return [...m.values()].sort((a, b) => b.ms - a.ms);
}
