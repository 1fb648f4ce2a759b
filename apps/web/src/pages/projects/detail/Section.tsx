import { Card } from "antd";
import type { ReactNode } from "react";

/** One titled card of the detail page. */
export function Section({
  title,
  children,
  extra,
}: {
  title: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginTop: 12 }}>
      {children}
    </Card>
  );
}
