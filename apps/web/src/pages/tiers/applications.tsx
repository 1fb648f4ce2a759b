import { CERT_APPLICATION_STATUSES } from "@dxcenter/domain";
import { Button, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type ApplicationItem, useApplicationList } from "../../api/tiers";
import { useCurrentUser } from "../../auth/context";
import { exportQuery, ListPage, type ServerColumn, useListParams } from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { ApplicationDrawer } from "./ApplicationDrawer";
import { APP_COLOR, APPLICATION_LIST } from "./listSpecs";

/** 认定申报 / 我的申报: the applications in the caller's scope across rounds (an enterprise: its own). */
export default function ApplicationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const list = useListParams(APPLICATION_LIST);
  const query = useApplicationList(list.params);
  const [open, setOpen] = useState<string | null>(null);
  const columns: ServerColumn<ApplicationItem, "createdAt" | "rank" | "enterprise">[] = [
    {
      title: t("tiers.applications.round"),
      dataIndex: "roundName",
      render: (v: string, a) => <Link to={`/certification-rounds/${a.roundId}`}>{v}</Link>,
    },
    { title: t("tiers.rounds.level"), dataIndex: "levelName", width: 100 },
    {
      title: t("tiers.applications.enterprise"),
      dataIndex: "enterpriseName",
      sortKey: "enterprise",
      render: (v: string, a) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(a.id)}>
          {v}
        </Button>
      ),
    },
    { title: t("tiers.applications.district"), dataIndex: "districtName", width: 100 },
    {
      title: t("tiers.applications.status"),
      dataIndex: "status",
      width: 110,
      render: (_, a) => <Tag color={APP_COLOR[a.status]}>{t(`tiers.applications.statuses.${a.status}`)}</Tag>,
    },
    { title: t("tiers.applications.rank"), dataIndex: "districtRank", width: 90, sortKey: "rank" },
    { title: t("tiers.applications.certificateNo"), dataIndex: "certificateNo", width: 150 },
    {
      title: t("tiers.applications.createdAt"),
      dataIndex: "createdAt",
      width: 110,
      sortKey: "createdAt",
      render: (v: string) => v.slice(0, 10),
    },
  ];
  return (
    <ListPage
      title={me.role === "enterprise" ? t("tiers.applications.mineTitle") : t("tiers.applications.title")}
      list={list}
      filters={[
        { kind: "search", key: "q", placeholder: t("tiers.applications.search"), width: 220 },
        {
          kind: "select",
          key: "status",
          placeholder: t("tiers.applications.status"),
          width: 130,
          options: CERT_APPLICATION_STATUSES.map((s) => ({
            value: s,
            label: t(`tiers.applications.statuses.${s}`),
          })),
        },
        me.role === "city_admin" && {
          kind: "select",
          key: "district",
          searchable: true,
          placeholder: t("tiers.applications.district"),
          width: 140,
          loading: ref.loading,
          options: ref.districtOptions,
        },
      ]}
      export={{
        path: "/api/certification-applications/export",
        query: exportQuery(list.params),
        fileName: t("tiers.applications.exportName"),
      }}
      query={query}
      columns={columns}
      empty={t("tiers.applications.empty")}
      testId="application-table"
    >
      <ApplicationDrawer id={open} onClose={() => setOpen(null)} />
    </ListPage>
  );
}
