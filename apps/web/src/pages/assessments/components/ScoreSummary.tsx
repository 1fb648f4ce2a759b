import type { ScoreResult } from "@dxcenter/domain";
import { Progress, Space, Statistic, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatPts, percentOf } from "./format";

/** Preview card body: level, total and a bar per scored dimension (from the server's result). */
export function ScorePreview({ result }: { result: ScoreResult | null }) {
  const { t } = useTranslation();
  if (!result) return <Typography.Text type="secondary">{t("assessment.preview.none")}</Typography.Text>;
  return (
    <div data-testid="assessment-preview">
      <Space size="large" align="start" wrap>
        <Statistic
          title={t("assessment.preview.total")}
          value={formatPts(result.total)}
          suffix={`/ ${formatPts(result.maxTotal)}`}
        />
        <div>
          <div style={{ color: "rgba(0,0,0,.45)", marginBottom: 8 }}>{t("assessment.preview.level")}</div>
          <Tag color={result.level > 0 ? "blue" : "default"} style={{ fontSize: 16, padding: "4px 10px" }}>
            {result.levelName}
          </Tag>
        </div>
        {result.maturityScore !== undefined ? (
          <Statistic title={t("assessment.preview.maturity")} value={result.maturityScore} precision={2} />
        ) : null}
      </Space>
      <div style={{ marginTop: 12 }}>
        {result.dimensions
          .filter((d) => d.maxPoints > 0)
          .map((d) => (
            <div key={d.id}>
              <div style={{ display: "flex", justifyContent: "space-between", fontSize: 12 }}>
                <span>{d.name}</span>
                <span>
                  {formatPts(d.points)} / {formatPts(d.maxPoints)}
                </span>
              </div>
              <Progress percent={percentOf(d.points, d.maxPoints)} size="small" showInfo={false} />
            </div>
          ))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("assessment.preview.hint")}
      </Typography.Text>
    </div>
  );
}
