import { districts, type Executor, industries, loadReferenceData } from "@dxcenter/db";
import { sql } from "drizzle-orm";

/**
 * Loads the code lists (GB/T 2260 districts, GB/T 4754 divisions) from the versioned files in
 * packages/db/reference on every start: editing a file and restarting is how a city corrects them.
 */
export async function syncReferenceData(db: Executor) {
  const ref = loadReferenceData();
  await db
    .insert(districts)
    .values(ref.districts)
    .onConflictDoUpdate({
      target: districts.code,
      set: { name: sql`excluded.name`, status: sql`excluded.status`, sortOrder: sql`excluded.sort_order` },
    });
  await db
    .insert(industries)
    .values(ref.industries)
    .onConflictDoUpdate({ target: industries.code, set: { name: sql`excluded.name` } });
  return ref;
}
