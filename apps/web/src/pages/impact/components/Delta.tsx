import { ArrowDownOutlined, ArrowUpOutlined } from "@ant-design/icons";
import { Typography } from "antd";

export const UP_COLOR = "#389e0d";
export const DOWN_COLOR = "#cf1322";

/** A change in points: "+6.5" green, "−3" red, "0" grey (thousandths are exact; trailing zeros dropped). */
export function formatDelta(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  if (r > 0) return `+${r}`;
  if (r < 0) return `−${Math.abs(r)}`;
  return "0";
}

export function Delta({ value, arrow = false, testId }: { value: number; arrow?: boolean; testId?: string }) {
  const color = value > 0 ? UP_COLOR : value < 0 ? DOWN_COLOR : undefined;
  return (
    <Typography.Text
      style={{ color, fontVariantNumeric: "tabular-nums" }}
      type={value === 0 ? "secondary" : undefined}
      data-testid={testId}
      data-value={value}
    >
      {arrow && value > 0 ? <ArrowUpOutlined /> : null}
      {arrow && value < 0 ? <ArrowDownOutlined /> : null} {formatDelta(value)}
    </Typography.Text>
  );
}

/** 0..1 → "83.3%". */
export const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
