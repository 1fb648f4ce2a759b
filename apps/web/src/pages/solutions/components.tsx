import { Descriptions, Drawer, Empty, List, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type SolutionItem, useScenes, useSolution } from "../../api/solutions";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { wan } from "../../utils/format";

/** "10–30 万元", "面议". */
export function PriceText({ min, max }: { min: number | null; max: number | null }) {
  const { t } = useTranslation();
  if (min === null && max === null)
    return <Typography.Text type="secondary">{t("matching.common.negotiable")}</Typography.Text>;
  const lo = min ?? max!;
  const hi = max ?? min!;
  const v = lo === hi ? wan(lo) : `${wan(lo)}–${wan(hi)}`;
  return <>{t("matching.common.wan", { v })}</>;
}

export function SceneTags({ names }: { names: readonly string[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {names.map((n) => (
        <Tag key={n} color="geekblue" style={{ marginInlineEnd: 0 }}>
          {n}
        </Tag>
      ))}
    </Space>
  );
}

/** Scene select options grouped by sub-domain. */
export function useSceneOptions() {
  const { t } = useTranslation();
  const scenes = useScenes();
  const list = scenes.data ?? [];
  const groups = list.filter((s) => s.groupId === null);
  const options = groups.map((g) => ({
    label: g.name,
    title: g.name,
    options: [
      { value: g.id, label: t("matching.solution.wholeGroup", { name: g.name }) },
      ...list.filter((s) => s.groupId === g.id).map((s) => ({ value: s.id, label: `${s.id} ${s.name}` })),
    ],
  }));
  return { options, loading: scenes.isPending };
}

export function SolutionDetailBody({ s }: { s: SolutionItem }) {
  const { t } = useTranslation();
  const ref = useReferenceOptions();
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t("matching.solution.provider")}>{s.providerName}</Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.kind")}>
        {t(`matching.solution.kinds.${s.kind}`)}
        {s.firstEdition ? (
          <Tag color="gold" style={{ marginInlineStart: 8 }}>
            {t("matching.solution.firstEdition")}
          </Tag>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.scene")}>
        <SceneTags names={s.sceneNames} />
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.industry")}>
        {s.industries.length ? s.industries.join("、") : t("matching.common.none")}
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.price")}>
        <PriceText min={s.priceMinFen} max={s.priceMaxFen} />
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.subsidy")}>
        {[s.subsidyText, s.subsidyFen !== null ? t("matching.common.wan", { v: wan(s.subsidyFen) }) : null]
          .filter(Boolean)
          .join("；") || t("matching.common.none")}
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.deployment")}>
        {t(`matching.solution.deployments.${s.deployment}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.districtServed")}>
        {s.serviceDistricts.length
          ? s.serviceDistricts.map((c) => ref.districtName(c)).join("、")
          : t("matching.common.none")}
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.summary")}>
        {s.summary ?? t("matching.common.none")}
      </Descriptions.Item>
      <Descriptions.Item label={t("matching.solution.references")}>
        {s.references.length ? (
          <List
            size="small"
            dataSource={s.references}
            renderItem={(r) => (
              <List.Item>
                <Typography.Text strong>{r.customer}</Typography.Text>：{r.result}
              </List.Item>
            )}
          />
        ) : (
          t("matching.common.none")
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function SolutionDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useSolution(id);
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={q.data?.name ?? t("matching.solution.detail")}>
      {q.isPending ? <Skeleton active /> : q.data ? <SolutionDetailBody s={q.data} /> : <Empty />}
    </Drawer>
  );
}
