import { DEPLOYMENT_MODES, SOLUTION_KINDS } from "@dxcenter/domain";
import { Button, Card, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type SolutionItem, useSolutionList } from "../../api/solutions";
import {
  column,
  filter,
  ListView,
  listSpec,
  param,
  type ServerColumn,
  useListParams,
} from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { PriceText, SceneTags, SolutionDrawer, useSceneOptions } from "./components";

const SORTS = ["updatedAt", "name", "price"] as const;
const SOLUTION_LIST = listSpec({
  filters: {
    q: param.text,
    sceneId: param.text,
    industry: param.matching(/^C\d\d$/),
    kind: param.oneOf(SOLUTION_KINDS),
    deployment: param.oneOf(DEPLOYMENT_MODES),
    firstEdition: param.bool,
    districtCode: param.district,
    priceMaxWan: param.text,
  },
  sort: { keys: SORTS, default: "updatedAt", order: "desc" },
});

/** 解决方案目录: public (also without login, under /catalogue) with filters in the URL. */
export function Catalogue() {
  const { t } = useTranslation();
  const ref = useReferenceOptions();
  const scenes = useSceneOptions();
  const list = useListParams(SOLUTION_LIST);
  const { params, update } = list;
  const query = useSolutionList(params);
  const [open, setOpen] = useState<string>();
  const [price, setPrice] = useState(params.priceMaxWan ?? "");
  useEffect(() => setPrice(params.priceMaxWan ?? ""), [params.priceMaxWan]);

  const columns: ServerColumn<SolutionItem, (typeof SORTS)[number]>[] = [
    {
      key: "name",
      title: t("matching.mine.name"),
      dataIndex: "name",
      width: 240,
      sortKey: "name",
      render: (v: string, r) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpen(r.id)}
          data-testid="solution-link"
        >
          {v}
        </Button>
      ),
    },
    {
      key: "provider",
      title: t("matching.solution.provider"),
      dataIndex: "providerName",
      width: 200,
      ellipsis: true,
    },
    {
      key: "kind",
      title: t("matching.solution.kind"),
      dataIndex: "kind",
      width: 130,
      render: (v: SolutionItem["kind"], r) => (
        <>
          {t(`matching.solution.kinds.${v}`)}
          {r.firstEdition ? (
            <Typography.Text type="warning">（{t("matching.solution.firstEdition")}）</Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      key: "scenes",
      title: t("matching.solution.scene"),
      dataIndex: "sceneNames",
      width: 260,
      render: (v: string[]) => <SceneTags names={v} />,
    },
    {
      key: "price",
      title: t("matching.solution.price"),
      width: 140,
      sortKey: "price",
      render: (_: unknown, r) => <PriceText min={r.priceMinFen} max={r.priceMaxFen} />,
    },
    {
      key: "deployment",
      title: t("matching.solution.deployment"),
      dataIndex: "deployment",
      width: 110,
      render: (v: SolutionItem["deployment"]) => t(`matching.solution.deployments.${v}`),
    },
    column.date("updatedAt", t("matching.solution.updatedAt"), { sortKey: "updatedAt" }),
  ];
  return (
    <>
      <ListView
        list={list}
        filters={[
          filter.search(t("matching.solution.searchPlaceholder"), 220, { testId: "solution-search" }),
          {
            kind: "select",
            key: "sceneId",
            testId: "solution-filter-scene",
            searchable: true,
            placeholder: t("matching.solution.scene"),
            width: 200,
            loading: scenes.loading,
            options: scenes.options,
          },
          {
            kind: "select",
            key: "industry",
            searchable: true,
            placeholder: t("matching.solution.industry"),
            width: 200,
            options: ref.industryOptions,
          },
          filter.oneOf(
            "kind",
            t("matching.solution.kind"),
            160,
            SOLUTION_KINDS,
            (k) => t(`matching.solution.kinds.${k}`),
            { testId: "solution-filter-kind" },
          ),
          filter.oneOf("deployment", t("matching.solution.deployment"), 130, DEPLOYMENT_MODES, (k) =>
            t(`matching.solution.deployments.${k}`),
          ),
          filter.district(t("matching.solution.districtServed"), 150, ref.districtOptions),
          <Input
            key="price"
            placeholder={t("matching.solution.priceMax")}
            style={{ width: 170 }}
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            onPressEnter={() => update({ priceMaxWan: price.trim() || undefined })}
            onBlur={() => update({ priceMaxWan: price.trim() || undefined })}
          />,
          { kind: "check", key: "firstEdition", label: t("matching.solution.firstEditionOnly") },
        ]}
        export={{
          path: "/api/solutions/export",
          fileName: t("matching.solution.exportName"),
          testId: "solution-export",
          label: t("matching.common.export"),
        }}
        testId="solution-table"
        columns={columns}
        query={query}
        scrollX={1200}
        empty={t("matching.solution.empty")}
      />
      <SolutionDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

export default function SolutionCataloguePage() {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("matching.solution.title")}
      </Typography.Title>
      <Catalogue />
    </Card>
  );
}
