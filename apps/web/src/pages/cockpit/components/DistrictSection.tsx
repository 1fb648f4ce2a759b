import { Card, Col, Empty, Row, Select, Skeleton, Space, Typography } from "antd";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type CockpitCard, useDistrictMapGeometry, useDistrictValues } from "../../../api/indicators";
import DistrictMap from "../../../charts/DistrictMap";
import { QueryError } from "../../../components/QueryError";
import { formatFigure, MUTED, roundTo } from "../format";
import { RankingTable } from "./RankingTable";

/**
 * The city's districts compared on one indicator: the schematic map coloured by it and the ranking
 * beside it. A click on a tile or a district name opens that district's 驾驶舱.
 */
export function DistrictSection({
  cards,
  chosen,
  period,
  onChoose,
  onOpenDistrict,
}: {
  cards: CockpitCard[];
  chosen: CockpitCard;
  period: string;
  onChoose: (indicatorId: string) => void;
  onOpenDistrict: (code: string) => void;
}) {
  const { t } = useTranslation();
  const { indicator } = chosen;
  const geo = useDistrictMapGeometry();
  const values = useDistrictValues({ indicator: indicator.id, period });
  const data = values.data?.indicator.id === indicator.id ? values.data : undefined;
  const mapValues = useMemo(
    () =>
      (data?.items ?? []).map((d) => ({
        name: d.districtName,
        code: d.districtCode,
        value: d.value === null ? null : roundTo(d.value, indicator.decimals),
      })),
    [data, indicator.decimals],
  );
  const format = useCallback((v: number) => formatFigure(v, indicator), [indicator]);
  const error = geo.error ?? values.error;
  return (
    <Card
      title={t("cockpit.districts.title")}
      extra={
        <Space wrap>
          <Typography.Text id="cockpit-indicator-label">{t("cockpit.districts.indicator")}</Typography.Text>
          <Select
            data-testid="cockpit-indicator"
            aria-labelledby="cockpit-indicator-label"
            style={{ width: 280 }}
            value={indicator.id}
            onChange={onChoose}
            options={cards.map((c) => ({ value: c.indicator.id, label: c.indicator.name }))}
            showSearch={{ optionFilterProp: "label" }}
          />
        </Space>
      }
    >
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            void geo.refetch();
            void values.refetch();
          }}
        />
      ) : null}
      {data ? (
        <Space wrap size={16} style={{ marginBottom: 8 }}>
          <Typography.Text data-testid="district-city-value">
            {t("cockpit.districts.cityValue", {
              value: data.city === null ? t("cockpit.unknownReason.no_value") : format(data.city),
            })}
          </Typography.Text>
          <Typography.Text style={MUTED}>
            {t("cockpit.districts.expectedValue", {
              value: data.expected === null ? t("cockpit.unknownReason.no_target") : format(data.expected),
            })}
          </Typography.Text>
          <Typography.Text style={MUTED}>
            {t(
              data.origin === "snapshot"
                ? "cockpit.districts.originSnapshot"
                : data.origin === "live"
                  ? "cockpit.districts.originLive"
                  : "cockpit.districts.originNone",
            )}
          </Typography.Text>
        </Space>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {geo.data && data ? (
            <div data-testid="district-map">
              <DistrictMap
                geo={geo.data}
                values={mapValues}
                unit={indicator.unit}
                format={format}
                label={t("cockpit.districts.map", { name: indicator.name })}
                onSelect={onOpenDistrict}
              />
            </div>
          ) : geo.isPending || values.isPending ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : (
            <Empty description={<span style={MUTED}>{t("common.empty")}</span>} />
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Title level={2} style={{ marginTop: 0, fontSize: 16 }}>
            {t("cockpit.districts.ranking")}
          </Typography.Title>
          {data ? <RankingTable data={data} period={period} onOpen={onOpenDistrict} /> : <Skeleton active />}
        </Col>
      </Row>
    </Card>
  );
}
