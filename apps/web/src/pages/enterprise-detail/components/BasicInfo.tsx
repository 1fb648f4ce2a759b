import { EyeOutlined } from "@ant-design/icons";
import { App, Button, Descriptions, Space, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import { useRevealContact } from "../../../api/hooks";
import type { Contact, EnterpriseDetail } from "../../../api/types";
import { formatDateTime } from "../../../utils/format";

export function BasicInfo({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reveal = useRevealContact(e.id);
  const [contact, setContact] = useState<Contact | null>(null);
  const hasContact = e.contactName !== null || e.contactPhone !== null;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  const onReveal = () =>
    reveal.mutate(undefined, {
      onSuccess: setContact,
      onError: (err) => void message.error(errorMessage(err)),
    });

  const shownName = contact ? contact.contactName : e.contactName;
  const shownPhone = contact ? contact.contactPhone : e.contactPhone;

  return (
    <Descriptions
      bordered
      column={{ xs: 1, md: 2 }}
      styles={{ label: { width: 180 } }}
      items={[
        { key: "name", label: t("enterprise.fields.name"), children: e.name },
        {
          key: "uscc",
          label: t("enterprise.fields.uscc"),
          children: <Typography.Text copyable>{e.uscc}</Typography.Text>,
        },
        { key: "district", label: t("enterprise.fields.districtCode"), children: e.districtName },
        {
          key: "industry",
          label: t("enterprise.fields.industryCode"),
          children: `${e.industryCode} ${e.industryName}`,
        },
        {
          key: "aboveScale",
          label: t("enterprise.fields.aboveScale"),
          children: e.aboveScale ? t("common.yes") : t("common.no"),
        },
        { key: "size", label: t("enterprise.fields.size"), children: t(`size.${e.size}`) },
        { key: "srdi", label: t("enterprise.fields.srdiTier"), children: t(`srdi.${e.srdiTier}`) },
        {
          key: "tags",
          label: t("enterprise.fields.tags"),
          children:
            e.tags.length > 0 ? (
              <Space size={[0, 4]} wrap>
                {e.tags.map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
              </Space>
            ) : (
              dash
            ),
        },
        {
          key: "contactName",
          label: t("enterprise.fields.contactName"),
          children: <span data-testid="contact-name">{shownName ?? dash}</span>,
        },
        {
          key: "contactPhone",
          label: t("enterprise.fields.contactPhone"),
          children: (
            <Space wrap>
              <span data-testid="contact-phone">{shownPhone ?? dash}</span>
              {hasContact && !contact ? (
                <Tooltip title={t("enterprise.revealHint")}>
                  <Button
                    size="small"
                    icon={<EyeOutlined />}
                    loading={reveal.isPending}
                    onClick={onReveal}
                    data-testid="reveal-contact"
                  >
                    {t("enterprise.revealContact")}
                  </Button>
                </Tooltip>
              ) : null}
            </Space>
          ),
        },
        {
          key: "address",
          label: t("enterprise.fields.address"),
          span: "filled",
          children: e.address ?? dash,
        },
        { key: "createdAt", label: t("enterprise.fields.createdAt"), children: formatDateTime(e.createdAt) },
        { key: "updatedAt", label: t("enterprise.fields.updatedAt"), children: formatDateTime(e.updatedAt) },
      ]}
    />
  );
}
