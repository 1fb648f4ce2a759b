import { Button, Table } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DistrictValueItem, DistrictValues } from "../../../api/indicators";
import { drillPath, formatFigure } from "../format";
import { StatusTag } from "./StatusTag";

/** The districts ranked by the chosen indicator (1 = best in its direction; no value last). */
export function RankingTable({
  data,
  period,
  onOpen,
}: {
  data: DistrictValues;
  /** The 驾驶舱's month (a value opens the district's list behind it). */
  period: string;
  onOpen: (code: string) => void;
}) {
  const { t } = useTranslation();
  const rows = [...data.items].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      a.districtCode.localeCompare(b.districtCode),
  );
  return (
    <Table<DistrictValueItem>
      data-testid="district-ranking"
      size="small"
      rowKey="districtCode"
      pagination={false}
      dataSource={rows}
      scroll={{ y: 380 }}
      columns={[
        {
          title: t("cockpit.districts.rank"),
          dataIndex: "rank",
          width: 64,
          render: (r: number | null) => r ?? "—",
        },
        {
          title: t("cockpit.districts.district"),
          dataIndex: "districtName",
          render: (name: string, row) => (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, color: "#1658b8" }}
              aria-label={t("cockpit.districts.open", { name })}
              data-testid="ranking-district"
              onClick={() => onOpen(row.districtCode)}
            >
              {name}
            </Button>
          ),
        },
        {
          title: t("cockpit.districts.value"),
          dataIndex: "value",
          align: "right",
          render: (v: number | null, row) =>
            v === null ? (
              t("cockpit.unknownReason.no_value")
            ) : data.indicator.kind === "computed" ? (
              <Link
                to={drillPath(data.indicator.id, period, row.districtCode)}
                data-testid="ranking-drill"
                style={{ color: "#1658b8" }}
              >
                {formatFigure(v, data.indicator)}
              </Link>
            ) : (
              formatFigure(v, data.indicator)
            ),
        },
        {
          title: t("cockpit.districts.status"),
          dataIndex: "status",
          width: 96,
          render: (_s, row) => <StatusTag status={row.status} unknownReason={unknownReasonOf(row)} />,
        },
      ]}
    />
  );
}

/** Why a district's status is unknown: with a value, only the expected value can be missing (待设定). */
function unknownReasonOf(row: DistrictValueItem): "no_value" | "no_target" | null {
  if (row.status !== "unknown") return null;
  return row.value === null ? "no_value" : "no_target";
}
