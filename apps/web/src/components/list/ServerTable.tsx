import type { TableProps } from "antd";
import { Empty, Table } from "antd";
import type { ColumnType } from "antd/es/table";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Page } from "../../api/types";
import { QueryError } from "../QueryError";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type Paging, type SortOrder } from "./useListParams";

/** An antd column; `sortKey` makes it sortable on the server by that key (typed by the list's sort union). */
export type ServerColumn<T, S extends string = never> = ColumnType<T> & { sortKey?: S };

/** The part of a react-query result the table shows: data, fetching, error and retry. */
export interface ListQuery<T> {
  data: Page<T> | undefined;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * Paging and sort the table reads and changes: `useListParams`'s result, or local state
 * (`{ params, update: (p) => setParams((prev) => ({ ...prev, ...p })) }`). A cleared sort comes as `sort: undefined`.
 */
export interface ListControl<S extends string = never> {
  params: Paging;
  update: (patch: Paging<S>) => void;
}

/** Props of a page's table component that wraps `ServerTable` with its columns. */
export interface ListTableProps<T, S extends string = never> {
  list: ListControl<S>;
  query: ListQuery<T>;
}

export interface ServerTableProps<T, S extends string = never> extends ListTableProps<T, S> {
  columns: ServerColumn<T, S>[];
  /** Default "id". */
  rowKey?: TableProps<T>["rowKey"];
  /** Shown (with antd's simple empty image) when there are no rows. */
  empty?: ReactNode;
  /** data-testid of the wrapper (e2e tests find rows in it). */
  testId?: string;
  scrollX?: number;
  size?: TableProps<T>["size"];
  expandable?: TableProps<T>["expandable"];
  /** "fixed" cuts long cells with an ellipsis instead of wrapping them. */
  tableLayout?: TableProps<T>["tableLayout"];
  /** Replaces the default error alert (e.g. a friendlier 403). */
  renderError?: (error: unknown) => ReactNode;
}

const toAnt = (order: SortOrder | undefined) => (order === "asc" ? "ascend" : "descend");

/**
 * The one server-paginated table: total and page sizes, antd sorter ↔ `sort`/`order`, loading,
 * empty and error states. Filters live elsewhere (`FilterBar`); the table only pages and sorts.
 */
export function ServerTable<T extends object, S extends string = never>({
  list,
  query,
  columns,
  rowKey = "id",
  empty,
  testId,
  scrollX,
  size = "middle",
  expandable,
  tableLayout,
  renderError,
}: ServerTableProps<T, S>) {
  const { t } = useTranslation();
  const { params, update: onChange } = list;

  const antColumns = columns.map(({ sortKey, ...col }): ColumnType<T> => {
    if (!sortKey) return col;
    return {
      ...col,
      key: col.key ?? sortKey,
      sorter: true,
      sortOrder: params.sort === sortKey ? toAnt(params.order) : null,
    };
  });
  const sortKeyOf = (columnKey: unknown): S | undefined =>
    columns.find((c) => c.sortKey !== undefined && (c.key ?? c.sortKey) === columnKey)?.sortKey;

  const onTableChange: TableProps<T>["onChange"] = (pagination, _filters, sorter, extra) => {
    if (extra.action === "sort") {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const sort = s?.order ? sortKeyOf(s.columnKey) : undefined;
      onChange({ sort, order: sort ? (s?.order === "ascend" ? "asc" : "desc") : undefined });
    } else if (extra.action === "paginate") {
      const pageSize = pagination.pageSize ?? params.pageSize;
      onChange({ page: pageSize !== params.pageSize ? 1 : (pagination.current ?? 1), pageSize });
    }
  };

  return (
    <>
      {query.isError
        ? (renderError?.(query.error) ?? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ))
        : null}
      <div data-testid={testId}>
        <Table<T>
          rowKey={rowKey}
          size={size}
          columns={antColumns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          onChange={onTableChange}
          scroll={scrollX ? { x: scrollX } : undefined}
          expandable={expandable}
          tableLayout={tableLayout}
          locale={
            empty === undefined
              ? undefined
              : { emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }
          }
          pagination={{
            current: params.page ?? 1,
            pageSize: params.pageSize ?? DEFAULT_PAGE_SIZE,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t("common.total", { total }),
          }}
        />
      </div>
    </>
  );
}

/** A cell that links to the row's page: `render: linkTo((r) => \`/events/${r.id}\`, "event-link")`. */
export function linkTo<T>(to: (row: T) => string, testId?: string) {
  return (value: ReactNode, row: T) => (
    <Link to={to(row)} data-testid={testId}>
      {value}
    </Link>
  );
}
