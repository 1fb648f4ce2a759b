import { DownloadOutlined, EyeOutlined, FilePdfOutlined, LoadingOutlined } from "@ant-design/icons";
import { BRIEFING_STATUSES } from "@dxcenter/domain";
import { Alert, App, Button, Card, Modal, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type BriefingItem,
  useBriefingHtml,
  useBriefingList,
  useBriefingPeriods,
  useGenerateBriefing,
} from "../../api/briefings";
import { downloadFile, errorMessage } from "../../api/client";
import { useCurrentUser } from "../../auth/context";
import {
  column,
  filter,
  ListHeader,
  ListView,
  listSpec,
  param,
  type ServerColumn,
  useListParams,
} from "../../components/list";
import { QueryError } from "../../components/QueryError";

const SORTS = ["period", "createdAt", "version"] as const;
const BRIEFING_LIST = listSpec({
  filters: {
    q: param.text,
    status: param.oneOf(BRIEFING_STATUSES),
    year: param.matching(/^\d{4}$/),
  },
  sort: { keys: SORTS, default: "period", order: "desc" },
});

const STATUS_COLOR = { generating: "processing", issued: "green", failed: "red" } as const;

/** 月度工作简报: the versions of every month, generate (city), preview in the page, PDF and xlsx. */
export default function BriefingsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const mayGenerate = me.role === "city_admin";
  const list = useListParams(BRIEFING_LIST);
  const query = useBriefingList(list.params);
  const periods = useBriefingPeriods();
  const generate = useGenerateBriefing();
  const [picked, setPicked] = useState<string | null>(null);
  const [preview, setPreview] = useState<BriefingItem | null>(null);
  const period = picked ?? periods.data?.[0]?.period ?? null;

  const download = (b: BriefingItem, format: "pdf" | "xlsx") =>
    downloadFile(
      `/api/briefings/${b.id}/${format}`,
      undefined,
      `briefing-${b.period}-v${b.version}.${format}`,
    ).catch((e: unknown) => message.error(errorMessage(e)));

  const run = (p: string) =>
    generate.mutate(p, {
      onSuccess: (b) => {
        message.success(t("briefings.generated", { period: b.period, version: b.version }));
        setPreview(b);
      },
      onError: (e) => message.error(errorMessage(e)),
    });
  const onGenerate = () => {
    if (!period) return;
    const n = periods.data?.find((x) => x.period === period)?.issuedVersions ?? 0;
    if (n === 0) return run(period);
    modal.confirm({
      title: t("briefings.generate"),
      content: t("briefings.regenerateConfirm", { period, n, next: n + 1 }),
      okButtonProps: { id: "briefing-regenerate-ok" },
      onOk: () => run(period),
    });
  };

  const columns: ServerColumn<BriefingItem, (typeof SORTS)[number]>[] = [
    { title: t("briefings.period"), dataIndex: "period", width: 110, sortKey: "period" },
    {
      title: t("briefings.version"),
      dataIndex: "version",
      width: 130,
      sortKey: "version",
      render: (v: number, b) => (
        <Space size={4}>
          {t("briefings.versionN", { n: v })}
          {b.latest ? <Tag color="blue">{t("briefings.latest")}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t("briefings.status"),
      dataIndex: "status",
      width: 100,
      render: (s: BriefingItem["status"], b) => (
        <Tag color={STATUS_COLOR[s]} title={b.errorMessage ?? undefined} data-testid="briefing-status">
          {t(`briefings.statuses.${s}`)}
        </Tag>
      ),
    },
    {
      title: t("briefings.trigger"),
      dataIndex: "trigger",
      width: 100,
      render: (v: BriefingItem["trigger"]) => t(`briefings.triggers.${v}`),
    },
    {
      title: t("briefings.generatedBy"),
      dataIndex: "generatedByName",
      width: 130,
      render: (v: string | null) => v ?? t("briefings.scheduler"),
    },
    column.dateTime("generatedAt", t("briefings.generatedAt"), { sortKey: "createdAt" }),
    {
      title: t("briefings.actions"),
      key: "actions",
      render: (_, b) =>
        b.status === "issued" ? (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={<EyeOutlined />}
              onClick={() => setPreview(b)}
              data-testid="briefing-preview"
            >
              {t("briefings.preview")}
            </Button>
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              onClick={() => download(b, "pdf")}
              data-testid="briefing-pdf"
            >
              {t("briefings.pdf")}
            </Button>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => download(b, "xlsx")}
              data-testid="briefing-xlsx"
            >
              {t("briefings.xlsx")}
            </Button>
          </Space>
        ) : (
          (b.errorMessage ?? "—")
        ),
    },
  ];

  const year = new Date().getFullYear();
  return (
    <Card>
      <ListHeader
        title={t("briefings.title")}
        actions={
          mayGenerate ? (
            <Space>
              <Select
                style={{ width: 220 }}
                placeholder={t("briefings.pickPeriod")}
                value={period ?? undefined}
                onChange={setPicked}
                loading={periods.isLoading}
                data-testid="briefing-period"
                options={(periods.data ?? []).map((p) => ({
                  value: p.period,
                  label:
                    p.issuedVersions > 0
                      ? t("briefings.periodOption", { period: p.period, n: p.issuedVersions })
                      : t("briefings.periodOptionNone", { period: p.period }),
                }))}
              />
              <Button
                type="primary"
                onClick={onGenerate}
                loading={generate.isPending}
                disabled={!period}
                data-testid="briefing-generate"
              >
                {t("briefings.generate")}
              </Button>
            </Space>
          ) : null
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t("briefings.hint")}
        description={mayGenerate ? undefined : t("briefings.readOnly")}
      />
      {generate.isPending ? (
        <Alert
          type="warning"
          icon={<LoadingOutlined />}
          showIcon
          style={{ marginBottom: 16 }}
          message={t("briefings.generating", { period: generate.variables })}
          data-testid="briefing-generating"
        />
      ) : null}
      <ListView
        list={list}
        filters={[
          filter.search(t("briefings.searchPlaceholder"), 220),
          filter.oneOf("status", t("briefings.statusFilter"), 130, BRIEFING_STATUSES, (s) =>
            t(`briefings.statuses.${s}`),
          ),
          {
            kind: "select",
            key: "year",
            placeholder: t("briefings.yearFilter"),
            width: 110,
            options: [0, 1, 2, 3].map((i) => ({ value: String(year - i), label: String(year - i) })),
          },
        ]}
        export={{
          path: "/api/briefings/export",
          fileName: t("briefings.exportName"),
          testId: "briefing-export",
        }}
        query={query}
        columns={columns}
        empty={t("briefings.empty")}
        testId="briefing-table"
      />
      <Preview item={preview} onClose={() => setPreview(null)} onDownload={download} />
    </Card>
  );
}

function Preview({
  item,
  onClose,
  onDownload,
}: {
  item: BriefingItem | null;
  onClose: () => void;
  onDownload: (b: BriefingItem, format: "pdf" | "xlsx") => void;
}) {
  const { t } = useTranslation();
  const html = useBriefingHtml(item?.id ?? null);
  return (
    <Modal
      open={item !== null}
      onCancel={onClose}
      width={980}
      title={item ? t("briefings.previewTitle", { period: item.period, version: item.version }) : ""}
      destroyOnHidden
      footer={
        item ? (
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            <Typography.Text type="secondary" copyable={{ text: item.sha256 ?? "" }} style={{ fontSize: 12 }}>
              {t("briefings.sha256", { hash: item.sha256?.slice(0, 16) ?? "—" })}
            </Typography.Text>
            <Space>
              <Button
                icon={<FilePdfOutlined />}
                onClick={() => onDownload(item, "pdf")}
                data-testid="briefing-preview-pdf"
              >
                {t("briefings.pdf")}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => onDownload(item, "xlsx")}>
                {t("briefings.xlsx")}
              </Button>
            </Space>
          </Space>
        ) : null
      }
    >
      {html.isError ? (
        <QueryError error={html.error} onRetry={() => html.refetch()} />
      ) : (
        // The issued document as it is: no script runs in it (sandbox without allow-scripts) and it
        // loads nothing (the server's CSP for the file; the document has no external reference).
        // allow-same-origin keeps the frame in the page's process: an opaque-origin frame was not
        // painted in headless Chromium when the dialog opened right after generating.
        <iframe
          title={
            item ? t("briefings.previewTitle", { period: item.period, version: item.version }) : "briefing"
          }
          sandbox="allow-same-origin"
          srcDoc={html.data ?? ""}
          style={{ width: "100%", height: "70vh", border: "1px solid #f0f0f0" }}
          data-testid="briefing-frame"
        />
      )}
    </Modal>
  );
}
