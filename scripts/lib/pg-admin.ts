import pg from "pg";

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** URL without the password, for printing. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`不安全的数据库名：${name}`);
  return `"${name}"`;
};

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`create database ${ident(name)}`));
}

/** Drops the database, disconnecting anyone still connected (PostgreSQL ≥ 13). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

/** Drops database `name` on the server at `adminUrl` if it exists, creates it empty and returns its URL. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  await dropDatabase(adminUrl, name);
  await createDatabase(adminUrl, name);
  return withDatabase(adminUrl, name);
}

/** The PostgreSQL server the benchmarks use when neither --url nor DATABASE_URL names one. */
export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** The server a benchmark makes its database on: --url, else DATABASE_URL, else DEFAULT_SERVER_URL. */
export function serverUrl(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
}
