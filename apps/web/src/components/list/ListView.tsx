import { Card, Space } from "antd";
import type { ReactElement, ReactNode } from "react";
import type { QueryParams } from "../../api/client";
import { ExportButton, FilterBar, type FilterItem, ListHeader } from "./FilterBar";
import { type ListControl, ServerTable, type ServerTableProps } from "./ServerTable";
import type { ListState, Paging } from "./useListParams";

/** A list's Excel export: the current filters (paging left out) sent to `path`. */
export interface ListExport {
  path: string;
  /** File name when the server sends none. */
  fileName: string;
  testId?: string;
  /** Button text; 导出Excel by default. */
  label?: ReactNode;
  /** What the export filters by when it is not the list's params (e.g. the params the API is sent). */
  query?: QueryParams;
}

export interface ListViewProps<T, S extends string, P extends Paging>
  extends Omit<ServerTableProps<T, S>, "list"> {
  /** `useListParams`'s result: the filter bar writes it, the table pages and sorts it. */
  list: ListState<P> & ListControl<S>;
  /** The filter bar's items (declared filters or elements); no filter bar when left out. */
  filters?: (FilterItem<NoInfer<P>> | ReactElement | false | null | undefined)[];
  /** The filter bar's bottom margin (default 16). */
  filterMargin?: number;
  /** Shows 重置 after the filters (default). */
  resettable?: boolean;
  /** The Excel export of the current filters; shown right of the filters (or in the header, `exportInHeader`). */
  export?: ListExport | false;
  /** A title row above the filters (level-3 heading) with `actions` on its right. */
  title?: ReactNode;
  actions?: ReactNode;
  headerMargin?: number;
  /** Puts the export button in the title row before `actions` instead of right of the filters. */
  exportInHeader?: boolean;
  /** More right of the filters, after the export button. */
  filterExtra?: ReactNode;
  /** Shown under the table (drawers, modals of the page). */
  children?: ReactNode;
}

/**
 * The one list scaffold: optional title row, the URL-backed filter bar with its export button, and the
 * server-paginated table (paging, sort, empty and error states). `ListPage` is the same inside a card.
 */
export function ListView<T extends object, S extends string, P extends Paging>({
  list,
  filters,
  filterMargin,
  resettable,
  export: exported,
  title,
  actions,
  headerMargin,
  exportInHeader = false,
  filterExtra,
  children,
  ...table
}: ListViewProps<T, S, P>) {
  const exportButton = exported ? (
    <ExportButton
      path={exported.path}
      query={exported.query ?? list.params}
      fileName={exported.fileName}
      testId={exported.testId}
      label={exported.label}
    />
  ) : null;
  const headerActions =
    exportInHeader && exportButton && actions ? (
      <Space>
        {exportButton}
        {actions}
      </Space>
    ) : (
      ((exportInHeader ? exportButton : null) ?? actions)
    );
  const side = exportInHeader ? null : exportButton;
  const extra =
    side && filterExtra ? (
      <Space>
        {side}
        {filterExtra}
      </Space>
    ) : (
      (side ?? filterExtra)
    );
  return (
    <>
      {title !== undefined ? (
        <ListHeader title={title} actions={headerActions} marginBottom={headerMargin} />
      ) : null}
      {filters ? (
        <FilterBar
          list={list}
          items={filters}
          marginBottom={filterMargin}
          resettable={resettable}
          extra={extra}
        />
      ) : null}
      <ServerTable<T, S> list={list} {...table} />
      {children}
    </>
  );
}

/** A whole list page: `ListView` in a card. */
export function ListPage<T extends object, S extends string, P extends Paging>(
  props: ListViewProps<T, S, P>,
) {
  return (
    <Card>
      <ListView<T, S, P> {...props} />
    </Card>
  );
}
