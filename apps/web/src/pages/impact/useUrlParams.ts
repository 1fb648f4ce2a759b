import { useMemo } from "react";
import { useSearchParams } from "react-router";

/**
 * A tab's filters kept in the URL (reload and back keep them): `read` turns the search params into
 * the query (a module-level function, so the memo holds), `update` patches them ("" or undefined
 * removes a key).
 */
export function useUrlParams<P extends object>(read: (sp: URLSearchParams) => P) {
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => read(sp), [read, sp]);
  const update = (patch: Partial<P>) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === "") next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });
  return { params, update };
}
