import { type DatabaseHandle, openDatabase } from "@dxcenter/db";
import { dropDatabase, freshDatabase, redact } from "./pg-admin";

/**
 * Runs `bench` on a fresh database `name` on the server at `serverUrl` (see freshDatabase), then
 * drops the database, or keeps it when `keep`; either is printed.
 */
export async function onBenchDatabase(
  serverUrl: string,
  name: string,
  keep: boolean,
  bench: (handle: DatabaseHandle, benchUrl: string) => Promise<void>,
): Promise<void> {
  const benchUrl = await freshDatabase(serverUrl, name);
  const handle = await openDatabase({ url: benchUrl, poolSize: 4 });
  try {
    await bench(handle, benchUrl);
  } finally {
    await handle.close();
    if (keep) console.log(`\n已保留基准库：${redact(benchUrl)}`);
    else {
      await dropDatabase(serverUrl, name);
      console.log(`\n已删除基准库 ${name}`);
    }
  }
}
