import { type ReferenceConfig, uuid, varchar } from "drizzle-orm/pg-core";
import { uuidRef } from "./columns";
import { enterprises } from "./enterprises";
import { districts } from "./reference";
import { users } from "./users";

// Foreign-key columns to the tables almost every other table points at. Not used by those tables
// themselves (users, enterprises, districts), so no module imports itself round a cycle.

type Actions = ReferenceConfig["actions"];

/** `uuid not null references users(id)`: who did it. */
export const userRef = (name: string, actions: Actions = {}) => uuidRef(name, () => users.id, actions);

/** `uuid references users(id)`: who did it, null until it is done (or when nobody did). */
export const optionalUserRef = (name: string) => uuid(name).references(() => users.id);

/** `enterprise_id uuid not null references enterprises(id)`. */
export const enterpriseRef = (actions: Actions = {}) =>
  uuidRef("enterprise_id", () => enterprises.id, actions);

/** `enterprise_id uuid references enterprises(id)`: when the row may name an enterprise. */
export const optionalEnterpriseRef = () => uuid("enterprise_id").references(() => enterprises.id);

/** `district_code varchar(6) not null references districts(code)`. */
export const districtRef = () =>
  varchar("district_code", { length: 6 })
    .notNull()
    .references(() => districts.code);
