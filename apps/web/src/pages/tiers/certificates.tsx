import { CERTIFICATION_VIEW_STATES } from "@dxcenter/contracts";
import { CERTIFICATION_SOURCES } from "@dxcenter/domain";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { type CertificationItem, useCertificationList, useProgrammes } from "../../api/tiers";
import { useCurrentUser } from "../../auth/context";
import { exportQuery, ListPage, type ServerColumn, useListParams } from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { CERTIFICATE_LIST, STATE_COLOR } from "./listSpecs";

/** 认定证书: every certification in the caller's scope (state of today, filters in the URL, export). */
export default function CertificatesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const programmes = useProgrammes();
  const list = useListParams(CERTIFICATE_LIST);
  const query = useCertificationList(list.params);
  const columns: ServerColumn<CertificationItem, "createdAt" | "validTo" | "validFrom" | "enterprise">[] = [
    { title: t("tiers.certificates.enterprise"), dataIndex: "enterpriseName", sortKey: "enterprise" },
    { title: t("tiers.applications.district"), dataIndex: "districtName", width: 100 },
    { title: t("tiers.certificates.programme"), dataIndex: "programmeName", width: 200 },
    { title: t("tiers.certificates.level"), dataIndex: "levelName", width: 140 },
    {
      title: t("tiers.certificates.state"),
      dataIndex: "state",
      width: 100,
      render: (_, c) => <Tag color={STATE_COLOR[c.state]}>{t(`tiers.certificates.states.${c.state}`)}</Tag>,
    },
    { title: t("tiers.certificates.certificateNo"), dataIndex: "certificateNo", width: 150 },
    { title: t("tiers.certificates.validFrom"), dataIndex: "validFrom", width: 110, sortKey: "validFrom" },
    {
      title: t("tiers.certificates.validTo"),
      dataIndex: "validTo",
      width: 110,
      sortKey: "validTo",
      render: (v: string | null) => v ?? t("tiers.programmes.noTerm"),
    },
    {
      title: t("tiers.certificates.source"),
      dataIndex: "source",
      width: 100,
      render: (_, c) => t(`tiers.certificates.sources.${c.source}`),
    },
  ];
  return (
    <ListPage
      title={t("tiers.certificates.title")}
      list={list}
      filters={[
        { kind: "search", key: "q", placeholder: t("tiers.certificates.search"), width: 240 },
        {
          kind: "select",
          key: "programme",
          placeholder: t("tiers.certificates.programme"),
          width: 200,
          loading: programmes.isLoading,
          options: (programmes.data ?? []).map((p) => ({ value: p.id, label: p.name })),
        },
        {
          kind: "select",
          key: "state",
          placeholder: t("tiers.certificates.state"),
          width: 120,
          options: CERTIFICATION_VIEW_STATES.map((s) => ({
            value: s,
            label: t(`tiers.certificates.states.${s}`),
          })),
        },
        {
          kind: "select",
          key: "source",
          placeholder: t("tiers.certificates.source"),
          width: 120,
          options: CERTIFICATION_SOURCES.map((s) => ({
            value: s,
            label: t(`tiers.certificates.sources.${s}`),
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
        path: "/api/certifications/export",
        query: exportQuery(list.params),
        fileName: t("tiers.certificates.exportName"),
      }}
      query={query}
      columns={columns}
      empty={t("tiers.certificates.empty")}
      testId="certificate-table"
    />
  );
}
