import type { CodeOption } from "../useReferenceOptions";
import type { SearchFilter, SelectFilter } from "./FilterBar";
import type { Paging } from "./useListParams";

/** Builders of the filters most lists share, for `FilterBar` items: `filter.search(t("…"), 240)`. */
export const filter = {
  /** The list's free-text box. Every list names its search param `q`. */
  search: (
    placeholder: string,
    width: number,
    more: { testId?: string; button?: boolean } = {},
  ): SearchFilter<{ q?: string }> => ({ kind: "search", key: "q", placeholder, width, ...more }),

  /** The searchable district select on `districtCode`; options from `useReferenceOptions().districtOptions`. */
  district: (
    placeholder: string,
    width: number,
    options: CodeOption[],
    more: { testId?: string; loading?: boolean } = {},
  ): SelectFilter<{ districtCode?: string }> => ({
    kind: "select",
    key: "districtCode",
    searchable: true,
    placeholder,
    width,
    options,
    ...more,
  }),

  /** A select over a fixed list of values (the `param.oneOf` of the spec), each shown by `label`. */
  oneOf: <K extends string, V extends string>(
    key: K,
    placeholder: string,
    width: number,
    values: readonly V[],
    label: (value: V) => string,
    more: { testId?: string } = {},
  ): Omit<SelectFilter<Paging>, "key" | "alsoSet"> & { key: K } => ({
    kind: "select",
    key,
    placeholder,
    width,
    options: values.map((value) => ({ value, label: label(value) })),
    ...more,
  }),

  /** Options of a select on a "true"/"false" param (yes first). */
  yesNo: (yes: string, no: string): CodeOption[] => [
    { value: "true", label: yes },
    { value: "false", label: no },
  ],
};
