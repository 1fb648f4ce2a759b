import { App, Button, Progress, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import { useStartSweep, useSweep } from "../../../api/policies";
import { useCurrentUser } from "../../../auth/context";
import { useReferenceOptions } from "../../../components/useReferenceOptions";

/** 开始筛查: sweeps the enterprises in scope (the city may pick one district) and shows the progress and counts. */
export function SweepPanel({ policyId, onDone }: { policyId: string | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { districtOptions } = useReferenceOptions();
  const [district, setDistrict] = useState<string | undefined>();
  const [sweepId, setSweepId] = useState<string | undefined>();
  const start = useStartSweep();
  const sweep = useSweep(sweepId);
  const s = sweep.data;
  const finished = s?.status === "done" ? s.id : null;
  // Refresh the award list once per finished sweep.
  useEffect(() => {
    if (finished) onDone();
  }, [finished, onDone]);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        {me.role === "city_admin" ? (
          <Select
            allowClear
            placeholder={t("policy.sweep.wholeCity")}
            value={district}
            onChange={setDistrict}
            options={districtOptions}
            style={{ width: 160 }}
          />
        ) : null}
        <Button
          type="primary"
          disabled={!policyId}
          loading={start.isPending || (s !== undefined && s.status === "running")}
          data-testid="sweep-run"
          onClick={async () => {
            if (!policyId) return;
            try {
              const r = await start.mutateAsync({
                policyId,
                ...(district ? { districtCode: district } : {}),
              });
              setSweepId(r.id);
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          {t("policy.sweep.run")}
        </Button>
      </Space>
      {s ? (
        <>
          <Progress
            percent={s.progress}
            status={s.status === "failed" ? "exception" : s.status === "done" ? "success" : "active"}
          />
          {s.status === "done" ? (
            <Typography.Text data-testid="sweep-result">{t("policy.sweep.result", s)}</Typography.Text>
          ) : null}
          {s.errorMessage ? <Typography.Text type="danger">{s.errorMessage}</Typography.Text> : null}
        </>
      ) : null}
    </Space>
  );
}
