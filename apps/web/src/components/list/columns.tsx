import { formatDate, formatDateTime } from "../../utils/format";
import type { ServerColumn } from "./ServerTable";

interface DateColumnOptions<S extends string> {
  /** Sortable on the server by this key. */
  sortKey?: S;
  width?: number;
  /** Shown when there is no date (default: nothing). */
  empty?: string;
}

/** A column builder that shows its field (an ISO timestamp) through `format`. */
const timestampColumn =
  (format: (iso: string | null) => string, defaultWidth: number) =>
  <T, S extends string = never>(
    dataIndex: Extract<keyof T, string>,
    title: string,
    { sortKey, width = defaultWidth, empty = "" }: DateColumnOptions<S> = {},
  ): ServerColumn<T, S> => ({
    key: dataIndex,
    title,
    dataIndex,
    width,
    sortKey,
    render: (v: string | null) => format(v) || empty,
  });

/** Builders of the columns many lists share: `column.dateTime<Row, Sort>("updatedAt", t("…"), { sortKey: "updatedAt" })`. */
export const column = {
  /** A date-and-time column (`2026-03-01 09:30:00`, Shanghai time) keyed by its field; default width 170. */
  dateTime: timestampColumn(formatDateTime, 170),
  /** A date column (`2026-03-01`, Shanghai time) keyed by its field; default width 120. */
  date: timestampColumn(formatDate, 120),
};
