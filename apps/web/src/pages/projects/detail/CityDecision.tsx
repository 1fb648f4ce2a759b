import { Button, Card, Input, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ProjectDetail, type SubsidyPreview, useDecideProject } from "../../../api/projects";
import { wan } from "../../../utils/format";
import { useRun } from "./useRun";

/** 市级审定: approve under one of the eligible policies (default: the engine's) or reject, with an opinion. */
export function CityDecision({ p, preview }: { p: ProjectDetail; preview: SubsidyPreview | undefined }) {
  const { t } = useTranslation();
  const run = useRun();
  const decide = useDecideProject(p.id);
  const [policyId, setPolicyId] = useState<string | undefined>();
  const [opinion, setOpinion] = useState("");
  const chosen = policyId ?? preview?.defaultPolicyId ?? undefined;
  return (
    <Card size="small" title={t("project.detail.cityDecision")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Select
          style={{ width: "100%" }}
          value={chosen}
          onChange={setPolicyId}
          placeholder={t("project.detail.policy")}
          data-testid="decision-policy"
          options={(preview?.results ?? [])
            .filter((r) => r.evaluation.status === "eligible")
            .map((r) => ({
              value: r.evaluation.policyId,
              label: t("project.detail.policyOption", {
                policy: r.evaluation.policyName,
                amount: wan(r.evaluation.amountFen),
              }),
            }))}
        />
        <Input.TextArea
          rows={2}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          placeholder={t("project.detail.opinion")}
          data-testid="decision-opinion"
        />
        <Space>
          <Button
            type="primary"
            loading={decide.isPending}
            data-testid="decision-approve"
            onClick={() =>
              void run(() =>
                decide.mutateAsync({
                  version: p.version,
                  decision: "approve",
                  opinion: opinion || "同意立项",
                  ...(chosen ? { policyId: chosen } : {}),
                }),
              )
            }
          >
            {t("project.detail.approve")}
          </Button>
          <Button
            danger
            loading={decide.isPending}
            onClick={() =>
              void run(() =>
                decide.mutateAsync({
                  version: p.version,
                  decision: "reject",
                  opinion: opinion || "不予立项",
                }),
              )
            }
          >
            {t("project.detail.reject")}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
