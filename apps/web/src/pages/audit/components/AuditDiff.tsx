import { Col, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditItem } from "../../../api/types";

function pretty(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  try {
    return JSON.stringify(v, null, 2);
  } catch {
    return String(v);
  }
}

/** Before / after snapshots side by side. */
export function AuditDiff({ item }: { item: AuditItem }) {
  const { t } = useTranslation();
  const panes = [
    { key: "before", title: t("audit.before"), text: pretty(item.before) },
    { key: "after", title: t("audit.after"), text: pretty(item.after) },
  ];
  return (
    <Row gutter={16} data-testid="audit-diff">
      {panes.map((p) => (
        <Col xs={24} md={12} key={p.key}>
          <Typography.Text strong>{p.title}</Typography.Text>
          <pre className="dxc-json" data-testid={`audit-${p.key}`}>
            {p.text ?? t("audit.none")}
          </pre>
        </Col>
      ))}
    </Row>
  );
}
