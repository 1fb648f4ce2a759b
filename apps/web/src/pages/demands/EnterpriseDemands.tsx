import { PlusOutlined } from "@ant-design/icons";
import { Button, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type DemandListParams, useDemandList } from "../../api/demands";
import { useCurrentUser } from "../../auth/context";
import { DemandTable, PostDemandModal } from "./components";

/** The enterprise detail page's 服务对接 tab: this enterprise's demands and how far their leads got. */
export function EnterpriseDemands({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useState<DemandListParams>({ enterpriseId, page: 1, pageSize: 10 });
  const list = useDemandList(params);
  const [posting, setPosting] = useState(false);
  return (
    <div data-testid="enterprise-demands">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Text type="secondary">{t("matching.demand.enterpriseTab")}</Typography.Text>
        <Button icon={<PlusOutlined />} onClick={() => setPosting(true)}>
          {t("matching.demand.post")}
        </Button>
      </Space>
      <DemandTable
        list={{ params, update: (p) => setParams((prev) => ({ ...prev, page: 1, ...p })) }}
        query={list}
        showEnterprise={false}
      />
      {posting ? (
        <PostDemandModal
          enterpriseId={me.role === "enterprise" ? undefined : enterpriseId}
          onClose={() => setPosting(false)}
        />
      ) : null}
    </div>
  );
}
