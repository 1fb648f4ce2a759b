/** One server-paginated list: URL params, filter bar, table, export. See ServerTable.tsx for the table. */
export { column } from "./columns";
export { CreateButton, ExportButton, FilterBar, type FilterItem, ListHeader, SearchInput } from "./FilterBar";
export { filter } from "./filters";
export { type ListExport, ListPage, ListView, type ListViewProps } from "./ListView";
export {
  type ListControl,
  type ListQuery,
  type ListTableProps,
  linkTo,
  type ServerColumn,
  ServerTable,
} from "./ServerTable";
export {
  exportQuery,
  type ListParams,
  type ListState,
  listSpec,
  PAGE_SIZES,
  type Paging,
  type ParamsOf,
  param,
  type SortOrder,
  useListParams,
} from "./useListParams";
