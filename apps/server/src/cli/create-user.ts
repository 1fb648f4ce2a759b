import { parseArgs } from "node:util";
import { CreateUserRequest } from "@dxcenter/contracts";
import { migrateDatabase, openDatabase } from "@dxcenter/db";
import { loadConfig } from "../config";
import { AppError } from "../errors";
import { createUser } from "../modules/users/user.service";
import { syncReferenceData } from "../seed/reference";

/** Creates an account from the command line — the way the first city admin of a production install is made. */
const { values } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "city_admin" },
    district: { type: "string" },
    organization: { type: "string" },
  },
});
const config = loadConfig();
const parsed = CreateUserRequest.safeParse({
  username: values.username,
  displayName: values.name ?? values.username,
  role: values.role,
  districtCode: values.district ?? null,
  organization: values.organization ?? null,
  password: process.env.DXC_NEW_PASSWORD ?? "",
});
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`参数错误 ${i.path.join(".")}: ${i.message}`);
  console.error(
    "用法：DXC_NEW_PASSWORD=... npm run user:create -- --username admin --name 张三 --role city_admin",
  );
  process.exit(2);
}
const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(handle);
  await syncReferenceData(handle.db);
  const user = await createUser(handle.db, parsed.data, { id: null, name: "cli", role: "system", ip: null });
  console.log(`已创建用户 ${user.username}（${user.role}）`);
} catch (e) {
  console.error(e instanceof AppError ? e.message : e);
  process.exitCode = 1;
} finally {
  await handle.close();
}
