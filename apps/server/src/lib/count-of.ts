/** The `n` of a `select({ n: count() })` query, 0 when it returns no row: what pageOf's `total` needs. */
export async function countOf(rows: PromiseLike<{ n: number }[]>): Promise<number> {
  const [row] = await rows;
  return row?.n ?? 0;
}
