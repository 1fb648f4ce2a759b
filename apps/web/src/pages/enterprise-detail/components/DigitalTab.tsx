import { Descriptions, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { EnterpriseDetail } from "../../../api/types";

export function DigitalTab({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const unknown = <Typography.Text type="secondary">{t("common.unknown")}</Typography.Text>;
  const yesNo = (v: boolean | null) =>
    v === null ? unknown : v ? <Tag color="green">{t("common.yes")}</Tag> : <Tag>{t("common.no")}</Tag>;
  const level = (v: number | null) => (v === null ? unknown : t("common.level", { level: v }));

  return (
    <Descriptions
      bordered
      column={{ xs: 1, md: 2 }}
      styles={{ label: { width: 220 } }}
      items={[
        {
          key: "digitalRdTools",
          label: t("enterprise.fields.digitalRdTools"),
          children: yesNo(e.digitalRdTools),
        },
        {
          key: "keyProcessNcRate",
          label: t("enterprise.fields.keyProcessNcRate"),
          children:
            e.keyProcessNcRate === null ? unknown : t("common.percent", { value: e.keyProcessNcRate }),
        },
        { key: "cloudAdopted", label: t("enterprise.fields.cloudAdopted"), children: yesNo(e.cloudAdopted) },
        { key: "itfCertified", label: t("enterprise.fields.itfCertified"), children: yesNo(e.itfCertified) },
        { key: "dcmmLevel", label: t("enterprise.fields.dcmmLevel"), children: level(e.dcmmLevel) },
        { key: "cmmmLevel", label: t("enterprise.fields.cmmmLevel"), children: level(e.cmmmLevel) },
      ]}
    />
  );
}
