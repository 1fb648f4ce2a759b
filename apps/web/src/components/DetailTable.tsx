import { Table, type TableProps } from "antd";

/** A compact table of a record's rows (on a detail page, in a modal): small, every row, no paging. */
export function DetailTable<T extends object>(props: Omit<TableProps<T>, "size" | "pagination">) {
  return <Table<T> size="small" pagination={false} {...props} />;
}
