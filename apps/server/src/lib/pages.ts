/**
 * Every page of a paged list, in order: what an export walks, one query per page, so a large list is
 * never read in one go. Stops after the first short page.
 */
export async function* allPages<T>(
  fetch: (page: number, pageSize: number) => Promise<{ items: T[] }>,
  pageSize: number,
): AsyncGenerator<T[]> {
  for (let page = 1; ; page++) {
    const { items } = await fetch(page, pageSize);
    if (items.length) yield items;
    if (items.length < pageSize) return;
  }
}

/**
 * Every page of a scoped list `list(db, actor, filters + page)` under an export's filters: what the
 * list exports walk (`pageSize` rows a query).
 */
export function listPages<D, A, F, T>(
  list: (db: D, actor: A, q: F & { page: number; pageSize: number }) => Promise<{ items: T[] }>,
  db: D,
  actor: A,
  filters: F,
  pageSize = 1000,
): AsyncGenerator<T[]> {
  return allPages((page, size) => list(db, actor, { ...filters, page, pageSize: size }), pageSize);
}
