import type { FormInstance } from "antd";
import { ApiError } from "../api/client";

export type NamePath = (string | number)[];

/**
 * Puts a server error `{field, message}` on the matching form field. `field` may be a dotted path
 * ("annual.0.revenueFen"); `mapField` renames API field names to form field names.
 * Returns true when the message was placed on a field that exists in the form.
 */
export function applyServerFieldError<T>(
  form: FormInstance<T>,
  err: unknown,
  mapField: (path: NamePath) => NamePath = (p) => p,
): boolean {
  if (!(err instanceof ApiError) || !err.field) return false;
  const raw: NamePath = err.field
    .split(/[.[\]]+/)
    .filter((s) => s !== "")
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (raw.length === 0) return false;
  const name = mapField(raw);
  const registered = form.getFieldsError().some((f) => samePath(f.name, name));
  if (!registered) return false;
  form.setFields([{ name: name as never, errors: [err.message] }]);
  form.scrollToField(name as never, { block: "center" });
  return true;
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((x, i) => String(x) === String(b[i]));
}
