import { DownloadOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, Input, Select, type SelectProps, Space, Typography } from "antd";
import {
  Fragment,
  isValidElement,
  type ReactElement,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage, type QueryParams } from "../../api/client";
import type { ListPatch, ListState, Paging } from "./useListParams";

/** The filter keys of a list whose values are text (what a search box or select can set). */
type TextKey<P> = {
  [K in keyof P]-?: K extends keyof Paging ? never : NonNullable<P[K]> extends string ? K : never;
}[keyof P] &
  string;

/** A search box: typing searches after a pause and Enter at once; `button` shows antd's search button instead. */
export interface SearchFilter<P> {
  kind: "search";
  key: TextKey<P>;
  placeholder: string;
  width: number;
  testId?: string;
  button?: boolean;
}

export interface SelectFilter<P> {
  kind: "select";
  key: TextKey<P>;
  placeholder: string;
  width: number;
  /** antd select options (groups allowed). */
  options: SelectProps["options"];
  testId?: string;
  /** Type to filter the options by label. */
  searchable?: boolean;
  loading?: boolean;
  popupWidth?: number;
  /** More to change with the value (e.g. a dependent filter to clear). */
  alsoSet?: ListPatch<P>;
}

/** A checkbox that sets the key to "true" or removes it. */
export interface CheckFilter<P> {
  kind: "check";
  key: TextKey<P>;
  label: ReactNode;
  testId?: string;
}

export type FilterItem<P> = SearchFilter<P> | SelectFilter<P> | CheckFilter<P>;

interface FilterBarProps<P extends Paging> {
  list: ListState<P>;
  /** Declared filters, or any element (a district tag, a date picker); `false`/`null` entries are skipped. */
  items: (FilterItem<NoInfer<P>> | ReactElement | false | null | undefined)[];
  /** Shows 重置 after the filters (default). */
  resettable?: boolean;
  /** Right-hand side (the export button and the like). */
  extra?: ReactNode;
  marginBottom?: number;
}

/** The row of list filters above a `ServerTable`; every filter writes to the URL through `list.update`. */
export function FilterBar<P extends Paging>({
  list,
  items,
  resettable = true,
  extra,
  marginBottom = 16,
}: FilterBarProps<P>) {
  const { t } = useTranslation();
  const filters = (
    <Space wrap size={[12, 12]} style={extra ? undefined : { marginBottom }}>
      {items.map((item, i) =>
        !item ? null : isValidElement(item) ? (
          <Fragment key={item.key ?? i}>{item}</Fragment>
        ) : (
          <FilterControl key={item.key} item={item} list={list} />
        ),
      )}
      {resettable ? <Button onClick={list.reset}>{t("common.reset")}</Button> : null}
    </Space>
  );
  if (!extra) return filters;
  return (
    <Space style={{ width: "100%", justifyContent: "space-between", marginBottom }} align="start" wrap>
      {filters}
      {extra}
    </Space>
  );
}

function FilterControl<P extends Paging>({ item, list }: { item: FilterItem<P>; list: ListState<P> }) {
  const { params, update } = list;
  const value = params[item.key];
  const text = typeof value === "string" ? value : undefined;
  const set = (v: string | undefined, also?: ListPatch<P>) => {
    const patch: ListPatch<P> = {};
    if (also) Object.assign(patch, also);
    patch[item.key] = v;
    update(patch);
  };
  switch (item.kind) {
    case "search":
      return (
        <SearchInput
          value={text}
          onSearch={set}
          placeholder={item.placeholder}
          width={item.width}
          testId={item.testId}
          button={item.button}
        />
      );
    case "select":
      return (
        <Select<string>
          data-testid={item.testId}
          allowClear
          showSearch={item.searchable ? { optionFilterProp: "label" } : undefined}
          placeholder={item.placeholder}
          style={{ width: item.width }}
          loading={item.loading}
          options={item.options}
          value={text}
          onChange={(v: string | undefined) => set(v, item.alsoSet)}
          popupMatchSelectWidth={item.popupWidth}
        />
      );
    case "check":
      return (
        <Checkbox
          data-testid={item.testId}
          checked={text === "true"}
          onChange={(e) => set(e.target.checked ? "true" : undefined)}
        >
          {item.label}
        </Checkbox>
      );
  }
}

interface SearchInputProps {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  width: number;
  testId?: string;
  button?: boolean;
}

/** Free-text search that follows the URL (back/forward, reset). */
export function SearchInput({ value, onSearch, placeholder, width, testId, button }: SearchInputProps) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  const search = useRef(onSearch);
  search.current = onSearch;

  // The plain box searches as the user types (debounced); Enter searches at once.
  useEffect(() => {
    if (button) return;
    const handle = window.setTimeout(() => {
      if (text.trim() !== (value ?? "")) search.current(text.trim() || undefined);
    }, 400);
    return () => window.clearTimeout(handle);
  }, [text, value, button]);

  const common = {
    "data-testid": testId,
    allowClear: true,
    placeholder,
    style: { width },
    value: text,
    onChange: (e: { target: { value: string } }) => setText(e.target.value),
  };
  return button ? (
    <Input.Search {...common} onSearch={(v) => onSearch(v.trim() || undefined)} />
  ) : (
    <Input {...common} prefix={<SearchOutlined />} onPressEnter={() => onSearch(text.trim() || undefined)} />
  );
}

interface ExportButtonProps {
  path: string;
  /** The list's params; paging is left out (the export has every matching row). */
  query: QueryParams;
  /** File name when the server sends none. */
  fileName: string;
  testId?: string;
  /** Button text; 导出Excel by default. */
  label?: ReactNode;
}

/** Downloads the Excel export of the current filters. */
export function ExportButton({ path, query, fileName, testId, label }: ExportButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const { page: _page, pageSize: _pageSize, ...filters } = query;
      await downloadFile(path, filters, fileName);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()} data-testid={testId}>
      {label ?? t("common.exportExcel")}
    </Button>
  );
}

/** A list page's title row with its actions on the right. */
export function ListHeader({
  title,
  actions,
  marginBottom = 16,
}: {
  title: ReactNode;
  actions?: ReactNode;
  marginBottom?: number;
}) {
  return (
    <Space style={{ width: "100%", justifyContent: "space-between", marginBottom }} wrap>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {actions}
    </Space>
  );
}

/** The primary "new …" button of a list page (with the plus icon). */
export function CreateButton({
  onClick,
  testId,
  children,
}: {
  onClick: () => void;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}
