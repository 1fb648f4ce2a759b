import { CheckCircleFilled } from "@ant-design/icons";
import type { InstrumentDefinition } from "@dxcenter/domain";
import { Progress as AntProgress, Tag, Typography, theme } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Progress, scrollToSection } from "../answers";

interface Props {
  def: InstrumentDefinition;
  progress: Progress;
  active: string | null;
  onSelect: (subDimensionId: string) => void;
  saveStatus: ReactNode;
}

/** Left column: overall progress, save status and dimensions → sub-dimensions with answered counts. */
export function SectionNav({ def, progress, active, onSelect, saveStatus }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      style={{
        background: token.colorBgContainer,
        borderRadius: token.borderRadiusLG,
        padding: 16,
        maxHeight: "calc(100vh - 32px)",
        overflowY: "auto",
      }}
    >
      <div data-testid="assessment-progress" data-percent={progress.percent}>
        <Typography.Text strong>{t("assessment.progress")}</Typography.Text>
        <AntProgress percent={progress.percent} size="small" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("assessment.answeredCount", { answered: progress.answered, total: progress.total })}
        </Typography.Text>
      </div>
      <div style={{ margin: "8px 0 12px" }}>{saveStatus}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("assessment.sections")}
      </Typography.Text>
      <nav style={{ marginTop: 4 }}>
        {def.dimensions.map((d) => {
          const dc = progress.byDimension.get(d.id);
          return (
            <div key={d.id} style={{ marginBottom: 8 }}>
              <div
                style={{
                  display: "flex",
                  justifyContent: "space-between",
                  fontWeight: 600,
                  padding: "4px 0",
                }}
              >
                <span>{d.name}</span>
                <span style={{ color: token.colorTextSecondary, fontWeight: 400 }}>
                  {dc?.answered ?? 0}/{dc?.total ?? 0}
                </span>
              </div>
              {d.subDimensions.map((s) => {
                const sc = progress.bySubDimension.get(s.id);
                const done = !!sc && sc.total > 0 && sc.answered === sc.total;
                const isActive = active === s.id;
                return (
                  <button
                    type="button"
                    key={s.id}
                    data-testid={`section-nav-${s.id}`}
                    onClick={() => {
                      onSelect(s.id);
                      scrollToSection(s.id);
                    }}
                    style={{
                      display: "flex",
                      width: "100%",
                      alignItems: "center",
                      justifyContent: "space-between",
                      gap: 8,
                      padding: "4px 8px 4px 16px",
                      border: 0,
                      borderRadius: token.borderRadiusSM,
                      cursor: "pointer",
                      textAlign: "left",
                      color: isActive ? token.colorPrimary : token.colorText,
                      background: isActive ? token.colorPrimaryBg : "transparent",
                    }}
                  >
                    <span style={{ minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" }}>
                      {s.name}
                    </span>
                    {done ? (
                      <CheckCircleFilled style={{ color: token.colorSuccess }} />
                    ) : (
                      <Tag style={{ marginInlineEnd: 0 }}>
                        {sc?.answered ?? 0}/{sc?.total ?? 0}
                      </Tag>
                    )}
                  </button>
                );
              })}
            </div>
          );
        })}
      </nav>
    </div>
  );
}
