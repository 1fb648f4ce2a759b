/**
 * The rows of a raw `db.execute(sql\`…\`)` result, typed by the caller (the statement's column
 * aliases). Drivers answer `{ rows }`; an array is taken as the rows themselves.
 */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
