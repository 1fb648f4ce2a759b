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
